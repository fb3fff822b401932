import {
  ChangeDetectionStrategy,
  Component,
  Injectable,
  computed,
  inject,
  signal,
  type WritableSignal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NZ_MODAL_DATA, NzModalService } from 'ng-zorro-antd/modal';
import { errorMessage } from '../api-error';
import { I18nService } from '../i18n.service';

export const REASON_MAX_LENGTH = 500;

/** What a reason dialog asks. */
export interface ReasonRequest {
  title: string;
  /** What will happen once confirmed (shown above the box). */
  description?: string;
  placeholder?: string;
  okText?: string;
  /** The confirm button is red (the step is hard to undo). */
  danger?: boolean;
  maxLength?: number;
  /** Text to start with. */
  initial?: string;
  /** Where the typed text lives: pass the same signal again and text typed before a cancel comes back. */
  draft?: WritableSignal<string>;
  /** data-testid of the text box. */
  testId?: string;
  /**
   * Runs with the reason before the dialog closes; when it throws, its message shows in the dialog, which
   * stays open with the text. Without it the dialog just answers the reason.
   */
  submit?: (reason: string) => Promise<unknown>;
}

/** Why a reason cannot be sent, or null: blank (spaces only) or longer than the limit. */
export function reasonProblem(text: string, max = REASON_MAX_LENGTH): 'required' | 'tooLong' | null {
  const v = text.trim();
  if (!v) return 'required';
  if (v.length > max) return 'tooLong';
  return null;
}

/** The body of the reason dialog (the modal's content). */
@Component({
  selector: 'lib-reason-dialog',
  imports: [FormsModule, NzInputModule, NzAlertModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (request.description) {
      <p class="reason-what" data-testid="reason-what">{{ request.description }}</p>
    }
    @if (serverError(); as message) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="message" class="block" data-testid="reason-error" />
    }
    <textarea
      nz-input
      rows="4"
      [placeholder]="request.placeholder ?? t('ui.reason')"
      [attr.aria-label]="request.placeholder ?? t('ui.reason')"
      [ngModel]="text()"
      (ngModelChange)="text.set($event)"
      [nzStatus]="shownProblem() ? 'error' : ''"
      [attr.data-testid]="request.testId ?? 'reason-input'"
    ></textarea>
    <div class="reason-foot">
      <span class="danger" data-testid="reason-invalid">
        @switch (shownProblem()) {
          @case ('required') {
            {{ t('ui.reasonRequired') }}
          }
          @case ('tooLong') {
            {{ t('ui.reasonTooLong', { max }) }}
          }
        }
      </span>
      <span class="reason-count" [class.danger]="text().trim().length > max"
        >{{ text().trim().length }} / {{ max }}</span
      >
    </div>
  `,
  styles: `
    .reason-what {
      margin-bottom: 12px;
    }
    .block {
      display: block;
      margin-bottom: 12px;
    }
    .reason-foot {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      min-height: 22px;
      margin-top: 4px;
    }
    .reason-count {
      color: rgba(0, 0, 0, 0.45);
      white-space: nowrap;
    }
    .danger {
      color: #ff4d4f;
    }
  `,
})
export class ReasonDialogBody {
  protected readonly request = inject<ReasonRequest>(NZ_MODAL_DATA);
  protected readonly t = inject(I18nService).t;
  protected readonly max = this.request.maxLength ?? REASON_MAX_LENGTH;
  readonly text: WritableSignal<string> = this.request.draft ?? signal(this.request.initial ?? '');
  private readonly tried = signal(false);
  readonly serverError = signal<string | null>(null);
  readonly problem = computed(() => reasonProblem(this.text(), this.max));
  /** Blank is flagged once the user tried to confirm; too long at once. */
  protected readonly shownProblem = computed(() => {
    const p = this.problem();
    return p === 'tooLong' || this.tried() ? p : null;
  });

  /** The OK button: false keeps the dialog open (invalid, or the submit failed). */
  async confirm(): Promise<boolean> {
    this.tried.set(true);
    this.serverError.set(null);
    if (this.problem()) return false;
    const reason = this.text().trim();
    if (this.request.submit) {
      try {
        await this.request.submit(reason);
      } catch (err) {
        this.serverError.set(errorMessage(err, this.t));
        return false;
      }
    }
    return true;
  }
}

/**
 * Asks for a reason in a modal: a required, length-limited text box with inline validation and a line on
 * what will happen. `ask()` answers the reason, or null when cancelled. Provide it where it is used:
 * `providers: [provideReasonDialog()]`.
 */
@Injectable()
export class ReasonDialog {
  private readonly modal = inject(NzModalService);
  private readonly t = inject(I18nService).t;

  ask(request: ReasonRequest): Promise<string | null> {
    return new Promise((resolve) => {
      let answer: string | null = null;
      const ref = this.modal.create<ReasonDialogBody, ReasonRequest>({
        nzTitle: request.title,
        nzContent: ReasonDialogBody,
        nzData: request,
        nzOkText: request.okText ?? this.t('common.confirm'),
        nzOkDanger: request.danger ?? false,
        nzCancelText: this.t('common.cancel'),
        nzMaskClosable: false,
        nzWidth: 520,
        nzOnOk: async (body) => {
          const ok = await body.confirm();
          if (ok) answer = body.text().trim();
          return ok;
        },
        nzWrapClassName: 'reason-dialog',
      });
      ref.afterClose.subscribe(() => resolve(answer));
    });
  }
}

export function provideReasonDialog() {
  return [NzModalService, ReasonDialog];
}
