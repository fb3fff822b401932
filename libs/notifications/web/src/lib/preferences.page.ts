import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  DIGEST_HOUR_MAX,
  DIGEST_HOUR_MIN,
  EMAIL_MODES,
  type EmailMode,
  type NotificationLang,
  type NotificationPreferencesView,
} from '@hutong/notifications-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalService } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { I18nService, errorMessage, type TextKey } from '@hutong/platform-web';
import { NotificationApiService } from './notification-api.service';

/**
 * The caller's e-mail preferences: mode, the mail's language, the digest hour (8–21, Beijing time), validated
 * inline. Typed input is never lost: a refused save keeps it (with the server's reason), the loaded values never
 * overwrite what the user already changed, and leaving with unsaved changes asks first.
 */
@Component({
  selector: 'lib-preferences-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzCardModule,
    NzFormModule,
    NzSelectModule,
    NzInputNumberModule,
    NzButtonModule,
    NzIconModule,
    NzAlertModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './preferences.page.html',
})
export class PreferencesPage {
  private readonly api = inject(NotificationApiService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly modes = EMAIL_MODES;
  protected readonly modeKey: Record<EmailMode, TextKey> = {
    off: 'prefs.mode.off',
    immediate: 'prefs.mode.immediate',
    digest: 'prefs.mode.digest',
  };
  protected readonly hourMin = DIGEST_HOUR_MIN;
  protected readonly hourMax = DIGEST_HOUR_MAX;
  protected readonly loaded = signal<NotificationPreferencesView | null>(null);
  protected readonly loadError = signal('');
  protected readonly saveError = signal('');
  protected readonly saving = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    emailMode: ['off' as EmailMode, Validators.required],
    lang: ['zh-CN' as NotificationLang, Validators.required],
    digestHour: [
      8,
      [
        Validators.required,
        Validators.min(DIGEST_HOUR_MIN),
        Validators.max(DIGEST_HOUR_MAX),
        Validators.pattern(/^\d+$/),
      ],
    ],
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const prefs = await this.api.preferences();
      this.loaded.set(prefs);
      // what the user typed while it loaded stays
      if (this.form.pristine)
        this.form.reset({ emailMode: prefs.emailMode, lang: prefs.lang, digestHour: prefs.digestHour });
    } catch (err) {
      this.loadError.set(errorMessage(err, this.t));
    }
  }

  protected hourInvalid(): boolean {
    const c = this.form.controls.digestHour;
    return c.invalid && (c.dirty || c.touched);
  }

  async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.saveError.set('');
    try {
      const saved = await this.api.updatePreferences(this.form.getRawValue());
      this.loaded.set(saved);
      this.form.reset({ emailMode: saved.emailMode, lang: saved.lang, digestHour: saved.digestHour });
      this.message.success(this.t('common.saved'));
    } catch (err) {
      this.saveError.set(errorMessage(err, this.t));
    } finally {
      this.saving.set(false);
    }
  }

  /** The route's canDeactivate: leaving with unsaved changes asks first. */
  canLeave(): boolean | Promise<boolean> {
    if (!this.form.dirty) return true;
    return new Promise<boolean>((resolve) => {
      this.modal.confirm({
        nzTitle: this.t('ui.discardTitle'),
        nzContent: this.t('ui.discardText'),
        nzOkText: this.t('ui.discard'),
        nzOkDanger: true,
        nzCancelText: this.t('ui.keepEditing'),
        nzOnOk: () => resolve(true),
        nzOnCancel: () => resolve(false),
      });
    });
  }
}
