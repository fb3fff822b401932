import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzModalService } from 'ng-zorro-antd/modal';
import { I18nService } from '../i18n.service';

/**
 * A create/edit drawer: title, the page's form (projected), the server's error on top, and 取消 / 保存 in
 * the footer (保存 spins while `busy`). Closing it — 取消, the ×, the mask, Esc — with a dirty form asks
 * first, so typed input is never lost silently; `closed` fires once the user agreed (or nothing was typed).
 */
@Component({
  selector: 'lib-form-drawer',
  imports: [NzDrawerModule, NzButtonModule, NzAlertModule],
  providers: [NzModalService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-drawer
      [nzVisible]="open()"
      [nzWidth]="width()"
      [nzTitle]="title()"
      [nzFooter]="footer"
      [nzWrapClassName]="wrapClassName()"
      (nzOnClose)="requestClose()"
    >
      <ng-container *nzDrawerContent>
        @if (error(); as message) {
          <nz-alert
            nzType="error"
            nzShowIcon
            [nzDescription]="message"
            class="server-error"
            [attr.data-testid]="errorTestId()"
          />
        }
        <ng-content />
      </ng-container>
    </nz-drawer>
    <ng-template #footer>
      <div class="drawer-footer">
        <button nz-button type="button" (click)="requestClose()" [attr.data-testid]="cancelTestId()">
          {{ t('common.cancel') }}
        </button>
        <button
          nz-button
          nzType="primary"
          type="button"
          [nzLoading]="busy()"
          (click)="save.emit()"
          [attr.data-testid]="saveTestId()"
        >
          {{ saveText() || t('common.save') }}
        </button>
      </div>
    </ng-template>
  `,
})
export class FormDrawer {
  private readonly modal = inject(NzModalService);
  protected readonly t = inject(I18nService).t;

  readonly open = input(false);
  readonly title = input('');
  readonly width = input<number | string>(480);
  readonly wrapClassName = input('');
  /** The form whose `dirty` makes closing ask first. */
  readonly form = input<AbstractControl | null>(null);
  /** Saving: 保存 spins. */
  readonly busy = input(false);
  /** The server's refusal, shown above the form (the typed values stay). */
  readonly error = input<string | null>(null);
  readonly saveText = input('');
  readonly saveTestId = input<string | null>(null);
  readonly cancelTestId = input<string | null>(null);
  readonly errorTestId = input<string | null>(null);
  /** 保存 was clicked: the page validates and saves. */
  readonly save = output<void>();
  /** The drawer is to close (nothing typed, or the user chose to discard it). */
  readonly closed = output<void>();

  private asking = false;

  /** Closes, asking first when the form has unsaved input. */
  requestClose(): void {
    if (!this.form()?.dirty) {
      this.closed.emit();
      return;
    }
    if (this.asking) return;
    this.asking = true;
    this.modal
      .confirm({
        nzTitle: this.t('ui.discardTitle'),
        nzContent: this.t('ui.discardText'),
        nzOkText: this.t('ui.discard'),
        nzOkDanger: true,
        nzCancelText: this.t('ui.keepEditing'),
        nzOnOk: () => this.closed.emit(),
      })
      .afterClose.subscribe(() => (this.asking = false));
  }
}
