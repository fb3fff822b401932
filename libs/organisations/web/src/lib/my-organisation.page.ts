import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { OrgView } from '@hutong/organisations-model';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { errorMessage } from '@hutong/platform-web';
import { AuthService } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { OrgApiService } from './org-api.service';

@Component({
  selector: 'lib-my-organisation-page',
  imports: [NzCardModule, NzDescriptionsModule, NzEmptyModule, NzSpinModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('my.title')" nzSize="small" data-testid="my-organisation">
      @if (loading()) {
        <nz-spin nzSimple />
      } @else if (org(); as o) {
        <nz-descriptions nzBordered [nzColumn]="{ xxl: 2, xl: 2, lg: 2, md: 1, sm: 1, xs: 1 }">
          <nz-descriptions-item [nzTitle]="t('org.name')">{{ o.name }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('org.code')">{{ o.code }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('org.level')">{{ i18n.level(o.level) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('org.kind')">{{ i18n.kind(o.kind) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('org.grade')">{{ i18n.grade(o.grade) || '—' }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('org.regionCode')">{{ o.regionCode }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('org.createdAt')">{{ date(o.createdAt) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('org.updatedAt')">{{ date(o.updatedAt) }}</nz-descriptions-item>
        </nz-descriptions>
      } @else {
        <nz-empty [nzNotFoundContent]="error() ?? t('my.none')" />
      }
    </nz-card>
  `,
})
export class MyOrganisationPage {
  private readonly api = inject(OrgApiService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly org = signal<OrgView | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    const id = this.auth.me()?.organisation?.id;
    try {
      if (id) this.org.set(await this.api.get(id));
    } catch (err) {
      this.error.set(errorMessage(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }
}
