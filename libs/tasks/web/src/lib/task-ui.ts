import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { formatZhDate } from '@hutong/platform-model';
import { I18nService, TIME_ZONE } from '@hutong/platform-web';
import {
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  type TaskDisplayStatus,
  type TaskKind,
  type TaskStatus,
} from '@hutong/tasks-model';
import { formatInTimeZone } from 'date-fns-tz';
import { dueDay, dueHint } from './task-logic';

const STATUS_COLOURS: Record<TaskDisplayStatus, string> = {
  open: 'blue',
  acknowledged: 'cyan',
  submitted: 'gold',
  accepted: 'green',
  returned: 'orange',
  cancelled: 'default',
  overdue: 'red',
};

/** A date as people read it: 2023年7月3日 / Jul 3, 2023 (Asia/Shanghai). */
export function formatDay(value: string | Date, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return formatZhDate(value);
  const d =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00+08:00`)
      : new Date(value);
  return formatInTimeZone(d, TIME_ZONE, 'MMM d, yyyy');
}

/** A due instant as the date it is due by (00:00 Shanghai belongs to the day before). */
export function formatDue(dueAt: string, lang: 'zh' | 'en'): string {
  return formatDay(dueDay(dueAt), lang);
}

export function statusLabel(s: TaskDisplayStatus, lang: 'zh' | 'en'): string {
  return TASK_STATUS_LABELS[s][lang];
}

export function kindLabel(k: TaskKind, lang: 'zh' | 'en'): string {
  return TASK_KIND_LABELS[k][lang];
}

@Component({
  selector: 'lib-task-status',
  imports: [NzTagModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<nz-tag [nzColor]="colour()" data-testid="task-status">{{ label() }}</nz-tag>`,
})
export class TaskStatusTag {
  private readonly i18n = inject(I18nService);
  readonly status = input.required<TaskDisplayStatus>();
  protected readonly colour = computed(() => STATUS_COLOURS[this.status()]);
  protected readonly label = computed(() => statusLabel(this.status(), this.i18n.lang()));
}

/** The due cell: the date, then 还剩3天 / 今天到期 / 逾期2天 while the task waits. */
@Component({
  selector: 'lib-task-due',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="nowrap">{{ day() }}</span>
    @if (hint(); as h) {
      <span class="due-hint" [class.danger]="h.key === 'tasks.due.overdue'" data-testid="task-due-hint">{{
        h.text
      }}</span>
    }`,
  styles: `
    .due-hint {
      margin-left: 8px;
      color: #8c8c8c;
      white-space: nowrap;
    }
    .due-hint.danger {
      color: #cf1322;
    }
  `,
})
export class TaskDue {
  private readonly i18n = inject(I18nService);
  readonly dueAt = input.required<string>();
  readonly status = input.required<TaskStatus>();
  protected readonly day = computed(() => formatDue(this.dueAt(), this.i18n.lang()));
  protected readonly hint = computed(() => {
    const h = dueHint(this.dueAt(), this.status(), new Date());
    if (!h) return null;
    return { key: h.key, text: 'n' in h ? this.i18n.t(h.key, { n: h.n }) : this.i18n.t(h.key) };
  });
}
