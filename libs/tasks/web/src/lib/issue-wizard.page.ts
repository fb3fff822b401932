import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { HOSPITAL_GRADES, ORG_KINDS, shanghaiDate, type HospitalGrade, type OrgKind } from '@hutong/platform-model';
import { I18nService, errorMessage } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { DEFAULT_REMINDER_POLICY, type ResponseFieldType, type TaskBatchView } from '@hutong/tasks-model';
import { emptyField, parseOptions, pickedDate, toResponseFields, type FieldDraft } from './task-logic';
import { TasksApiService } from './tasks-api.service';
import { formatDay } from './task-ui';

const FIELD_TYPES: ResponseFieldType[] = ['text', 'date', 'choice', 'attachments'];

/** 下达任务: recipients (with a live preview), the task and its form and reminders, confirm, then the batch's progress. */
@Component({
  selector: 'lib-issue-wizard-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzDatePickerModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    NzProgressModule,
    NzSelectModule,
    NzStepsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './issue-wizard.page.html',
  styles: `
    .row {
      display: flex;
      gap: 12px;
      align-items: center;
      flex-wrap: wrap;
      margin-bottom: 12px;
    }
    .row > label {
      min-width: 120px;
    }
    .field-row {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin-bottom: 8px;
      padding: 8px;
      background: #fafafa;
      border-radius: 6px;
    }
    .grow {
      flex: 1;
    }
    .block {
      margin-bottom: 16px;
    }
    .preview {
      margin-top: 8px;
    }
  `,
})
export class IssueWizardPage {
  private readonly api = inject(TasksApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly kinds = ORG_KINDS;
  protected readonly grades = HOSPITAL_GRADES;
  protected readonly fieldTypes = FIELD_TYPES;
  protected readonly Math = Math;

  protected readonly step = signal(0);
  // step 1
  protected readonly regionId = signal<string | null>(null);
  protected readonly kindSel = signal<OrgKind[]>(['hospital']);
  protected readonly gradeSel = signal<HospitalGrade[]>([]);
  protected readonly regions = loadResource({ loader: () => this.api.regions() });
  protected readonly filter = computed(() => ({
    regionId: this.regionId() ?? undefined,
    kinds: this.kindSel().length ? this.kindSel() : undefined,
    grades: this.gradeSel().length ? this.gradeSel() : undefined,
  }));
  protected readonly preview = loadResource({ params: () => this.filter(), loader: (f) => this.api.preview(f) });
  // step 2
  protected readonly title = signal('');
  protected readonly instructions = signal('');
  protected readonly due = signal<Date | null>(null);
  protected readonly fields = signal<FieldDraft[]>([]);
  protected readonly beforeDays = signal<number[]>([...DEFAULT_REMINDER_POLICY.beforeDays]);
  protected readonly onDueDay = signal(DEFAULT_REMINDER_POLICY.onDueDay);
  protected readonly overdueDaily = signal(DEFAULT_REMINDER_POLICY.overdueDaily);
  protected readonly escalate = signal<number | null>(DEFAULT_REMINDER_POLICY.escalateAfterDays);
  protected readonly tried = signal(false);
  // step 3
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly batch = signal<TaskBatchView | null>(null);

  protected readonly taskProblems = computed(() => {
    const p: string[] = [];
    if (!this.title().trim()) p.push('title');
    if (!this.due()) p.push('due');
    this.fields().forEach((f, i) => {
      if (!f.label.trim()) p.push(`label:${i}`);
      if (f.type === 'choice' && !parseOptions(f.options).length) p.push(`options:${i}`);
    });
    return p;
  });

  protected readonly dueDate = computed(() => {
    const d = this.due();
    return d ? pickedDate(d) : '';
  });

  constructor() {
    let timer: ReturnType<typeof setTimeout> | null = null;
    effect(() => {
      const b = this.batch();
      if (timer) clearTimeout(timer);
      timer = null;
      if (b && (b.status === 'queued' || b.status === 'running'))
        timer = setTimeout(async () => {
          try {
            this.batch.set(await this.api.batch(b.id));
          } catch (err) {
            this.error.set(errorMessage(err, this.t));
          }
        }, 1500);
    });
    inject(DestroyRef).onDestroy(() => timer && clearTimeout(timer));
  }

  protected has(key: string): boolean {
    return this.tried() && this.taskProblems().includes(key);
  }

  protected regionLabel(r: { name: string; level: string }): string {
    const indent = { province: '', city: '　', county: '　　' }[r.level] ?? '';
    return indent + r.name;
  }

  protected kindLabel(k: OrgKind): string {
    return this.i18n.kind(k);
  }

  protected typeLabel(type: ResponseFieldType): string {
    return this.t(`wizard.type.${type}`);
  }

  protected readonly disabledPast = (d: Date): boolean => pickedDate(d) < shanghaiDate(new Date());

  protected addField(): void {
    this.fields.update((f) => [...f, emptyField()]);
  }

  protected patchField(i: number, patch: Partial<FieldDraft>): void {
    this.fields.update((list) => list.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  }

  protected removeField(i: number): void {
    this.fields.update((list) => list.filter((_, j) => j !== i));
  }

  protected toStep2(): void {
    if ((this.preview.value()?.total ?? 0) > 0) this.step.set(1);
  }

  protected toStep3(): void {
    this.tried.set(true);
    if (!this.taskProblems().length) this.step.set(2);
  }

  protected day(d: string): string {
    return formatDay(d, this.i18n.lang());
  }

  async issue(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const batch = await this.api.createBatch({
        title: this.title().trim(),
        instructions: this.instructions().trim(),
        dueDate: this.dueDate(),
        form: toResponseFields(this.fields()),
        policy: {
          ...DEFAULT_REMINDER_POLICY,
          beforeDays: [...new Set(this.beforeDays())].sort((a, b) => b - a),
          onDueDay: this.onDueDay(),
          overdueDaily: this.overdueDaily(),
          escalateAfterDays: this.escalate(),
        },
        filter: this.filter(),
      });
      this.batch.set(batch);
      this.step.set(3);
    } catch (err) {
      this.error.set(errorMessage(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }

  protected restart(): void {
    this.batch.set(null);
    this.title.set('');
    this.instructions.set('');
    this.due.set(null);
    this.fields.set([]);
    this.tried.set(false);
    this.step.set(0);
  }
}
