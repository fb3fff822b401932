import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import { shanghaiDate } from '@hutong/platform-model';
import { I18nService, errorMessage, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { ReasonDialog, provideReasonDialog } from '@hutong/platform-web/ui-forms';
import {
  WAITING_STATUSES,
  type ResponseAnswers,
  type ResponseField,
  type TaskAttachmentView,
} from '@hutong/tasks-model';
import { cleanAnswers, dueDay, fileSize, pickedDate, pickerValue, problemsByField } from './task-logic';
import { TasksApiService, type TaskDetailView as TaskDetail } from './tasks-api.service';
import { TaskDue, TaskStatusTag, formatDay, statusLabel } from './task-ui';

/**
 * One task: what it asks, its due date and status, history and responses. The assignee acknowledges it and
 * answers its form (files are uploaded first, then named in the answers); the issuer accepts, returns,
 * extends or cancels it, each with its reason where one is needed. Typed answers stay after a refusal.
 */
@Component({
  selector: 'lib-task-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDatePickerModule,
    NzDescriptionsModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzTimelineModule,
    TaskDue,
    TaskStatusTag,
  ],
  providers: [provideReasonDialog()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task.page.html',
  styles: `
    .field {
      margin-bottom: 16px;
    }
    .field-label {
      display: block;
      margin-bottom: 4px;
      font-weight: 500;
    }
    .req {
      color: #cf1322;
      margin-left: 2px;
    }
    .files {
      margin: 4px 0;
      padding-left: 18px;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .instructions {
      white-space: pre-wrap;
    }
    .block {
      margin-bottom: 12px;
    }
  `,
})
export class TaskPage {
  private readonly api = inject(TasksApiService);
  private readonly message = inject(NzMessageService);
  private readonly reasons = inject(ReasonDialog);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';

  protected readonly load = loadResource({ loader: () => this.api.get(this.id) });
  protected readonly task = computed(() => this.load.value() ?? null);
  protected readonly busy = signal<string | null>(null);

  /** the answers typed so far (kept across a refusal) */
  protected readonly answers = signal<ResponseAnswers>({});
  /** the files uploaded per attachments field, to name and remove them */
  protected readonly files = signal<Record<string, TaskAttachmentView[]>>({});
  protected readonly tried = signal(false);
  protected readonly submitError = signal<string | null>(null);
  protected readonly problems = computed(() => {
    const task = this.task();
    return task ? problemsByField(task.form, this.answers()) : {};
  });

  protected readonly extendOpen = signal(false);
  protected readonly extendDate = signal<Date | null>(null);
  private readonly returnDraft = signal('');
  private readonly cancelDraft = signal('');
  private readonly extendDraft = signal('');

  protected can(action: string): boolean {
    return this.task()?.actions.includes(action as TaskDetail['actions'][number]) ?? false;
  }

  /** The issuer's side may remind while the task still waits for the assignee's work. */
  protected canRemind(): boolean {
    const task = this.task();
    return !!task && this.can('extend') && (WAITING_STATUSES as readonly string[]).includes(task.status);
  }

  protected day(v: string): string {
    return formatDay(v, this.i18n.lang());
  }

  protected time(v: string | null): string {
    return formatDateTime(v, this.i18n.lang());
  }

  protected statusText(s: TaskDetail['status']): string {
    return statusLabel(s, this.i18n.lang());
  }

  protected size(n: number): string {
    return fileSize(n);
  }

  protected attachment(id: string): TaskAttachmentView | undefined {
    return this.task()?.attachments.find((a) => a.id === id);
  }

  protected attachmentUrl(a: TaskAttachmentView): string {
    return this.api.attachmentUrl(this.id, a.id);
  }

  protected answerText(field: ResponseField, v: string | string[] | undefined): string {
    if (v === undefined) return '';
    if (Array.isArray(v)) return '';
    return field.type === 'date' ? this.day(v) : v;
  }

  protected asList(v: string | string[] | undefined): string[] {
    return Array.isArray(v) ? v : [];
  }

  protected problemText(key: string): string | null {
    if (!this.tried()) return null;
    const p = this.problems()[key];
    return p ? (this.t.message?.(p.code, p.params) ?? p.code) : null;
  }

  protected text(key: string): string {
    const v = this.answers()[key];
    return typeof v === 'string' ? v : '';
  }

  protected setText(key: string, value: string | null): void {
    this.answers.update((a) => ({ ...a, [key]: value ?? '' }));
  }

  protected dateOf(key: string): Date | null {
    const v = this.text(key);
    return v ? pickerValue(v) : null;
  }

  protected setDate(key: string, d: Date | null): void {
    this.setText(key, d ? pickedDate(d) : '');
  }

  private done(next: TaskDetail, text: string): void {
    this.load.set(next);
    this.message.success(text);
  }

  private async run(name: string, call: () => Promise<TaskDetail>, ok: string): Promise<void> {
    this.busy.set(name);
    try {
      this.done(await call(), ok);
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  acknowledge(): Promise<void> {
    return this.run('acknowledge', () => this.api.acknowledge(this.id), this.t('tasks.acknowledged'));
  }

  remind(): Promise<void> {
    return this.run('remind', () => this.api.remind(this.id), this.t('tasks.reminded'));
  }

  accept(): Promise<void> {
    return this.run('accept', () => this.api.accept(this.id), this.t('tasks.accepted'));
  }

  async upload(field: ResponseField, event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    if (!chosen.length) return;
    this.busy.set(`upload:${field.key}`);
    try {
      for (const file of chosen) {
        const a = await this.api.upload(this.id, file);
        this.files.update((f) => ({ ...f, [field.key]: [...(f[field.key] ?? []), a] }));
        this.answers.update((ans) => ({ ...ans, [field.key]: [...this.asList(ans[field.key]), a.id] }));
      }
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  removeFile(field: ResponseField, id: string): void {
    this.files.update((f) => ({ ...f, [field.key]: (f[field.key] ?? []).filter((a) => a.id !== id) }));
    this.answers.update((ans) => ({ ...ans, [field.key]: this.asList(ans[field.key]).filter((x) => x !== id) }));
  }

  async submit(): Promise<void> {
    const task = this.task();
    if (!task) return;
    this.tried.set(true);
    this.submitError.set(null);
    if (Object.keys(this.problems()).length) {
      this.submitError.set(this.t('tasks.fixErrors'));
      return;
    }
    this.busy.set('submit');
    try {
      const next = await this.api.respond(this.id, cleanAnswers(task.form, this.answers()));
      this.answers.set({});
      this.files.set({});
      this.tried.set(false);
      this.done(next, this.t('tasks.submitted'));
    } catch (err) {
      this.submitError.set(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  async returnTask(): Promise<void> {
    await this.reasons.ask({
      title: this.t('tasks.return'),
      description: this.t('tasks.returnWhat'),
      okText: this.t('tasks.return'),
      draft: this.returnDraft,
      testId: 'task-return-reason',
      submit: async (reason) => this.done(await this.api.returnTask(this.id, reason), this.t('tasks.returned')),
    });
  }

  async cancelTask(): Promise<void> {
    await this.reasons.ask({
      title: this.t('tasks.cancel'),
      description: this.t('tasks.cancelWhat'),
      okText: this.t('tasks.cancel'),
      danger: true,
      draft: this.cancelDraft,
      testId: 'task-cancel-reason',
      submit: async (reason) => this.done(await this.api.cancel(this.id, reason), this.t('tasks.cancelled')),
    });
  }

  protected openExtend(): void {
    const task = this.task();
    this.extendDate.set(task ? pickerValue(dueDay(task.dueAt)) : null);
    this.extendOpen.set(true);
  }

  protected readonly disabledPast = (d: Date): boolean => pickedDate(d) < shanghaiDate(new Date());

  async confirmExtendDate(): Promise<void> {
    const d = this.extendDate();
    if (!d) return;
    const date = pickedDate(d);
    this.extendOpen.set(false);
    await this.reasons.ask({
      title: this.t('tasks.extendTitle'),
      description: this.t('tasks.extendWhat', { date: this.day(date) }),
      okText: this.t('tasks.extend'),
      draft: this.extendDraft,
      testId: 'task-extend-reason',
      submit: async (reason) => this.done(await this.api.extend(this.id, date, reason), this.t('tasks.extended')),
    });
  }
}
