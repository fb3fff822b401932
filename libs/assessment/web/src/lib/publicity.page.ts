import { ChangeDetectionStrategy, Component, computed, inject, signal, type WritableSignal } from '@angular/core';
import type { PublicityEntry } from '@hutong/assessment-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { loadResource } from '@hutong/platform-web/ui';
import { ReasonDialog, provideReasonDialog } from '@hutong/platform-web/ui-forms';
import { AssessmentApiService } from './assessment-api.service';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText } from './assessment-ui';

/**
 * 结果公示: results under publicity (and published) in the cycles that cover the user. Any covered
 * organisation may object while publicity runs — it cannot open the application itself.
 */
@Component({
  selector: 'lib-publicity-page',
  imports: [NzCardModule, NzTableModule, NzTagModule, NzButtonModule, NzEmptyModule],
  providers: [provideReasonDialog()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('pub.title')" nzSize="small">
      <p class="muted">{{ t('pub.hint') }}</p>
      @if (loadError(); as message) {
        <div class="load-error">{{ message }}</div>
      }
      <nz-table
        #table
        data-testid="publicity-table"
        nzSize="middle"
        [nzData]="rows()"
        [nzLoading]="loading()"
        [nzPageSize]="20"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="emptyTpl"
        [nzScroll]="{ x: '900px' }"
      >
        <thead>
          <tr>
            <th>{{ t('asm.organisation') }}</th>
            <th nzWidth="200px">{{ t('asm.cycle') }}</th>
            <th nzWidth="110px">{{ t('asm.targetLevel') }}</th>
            <th nzWidth="110px">{{ t('asm.achievedLevel') }}</th>
            <th nzWidth="110px">{{ t('asm.state') }}</th>
            <th nzWidth="150px">{{ t('pub.endsAt') }}</th>
            <th nzWidth="110px"></th>
          </tr>
        </thead>
        <tbody>
          @for (r of table.data; track r.applicationId) {
            <tr data-testid="publicity-row" [attr.data-org]="r.organisation.code">
              <td>
                <div>{{ r.organisation.name }}</div>
                <div class="muted">{{ r.regionPath.join(' / ') }}</div>
              </td>
              <td>{{ r.cycleName }}</td>
              <td>{{ text.level(r.targetLevel) }}</td>
              <td>{{ text.level(r.achievedLevel) || '—' }}</td>
              <td>
                <nz-tag [nzColor]="text.color(r.state)">{{ text.state(r.state) }}</nz-tag>
              </td>
              <td class="nowrap">{{ text.day(r.publicityEndsAt) || '—' }}</td>
              <td>
                @if (r.canObject) {
                  <button
                    nz-button
                    nzSize="small"
                    type="button"
                    (click)="openObjection(r)"
                    data-testid="publicity-object"
                  >
                    {{ t('pub.object') }}
                  </button>
                }
              </td>
            </tr>
            @if (r.myObjections.length) {
              <tr data-testid="my-objections" class="my-objections">
                <td colspan="7">
                  <strong>{{ t('pub.myObjections') }}</strong>
                  @for (o of r.myObjections; track o.id) {
                    <div class="my-objection" data-testid="my-objection">
                      <span class="muted">{{ text.day(o.filedAt) }}</span>
                      <span class="pre">{{ o.reason }}</span>
                      @if (o.resolvedAt) {
                        <nz-tag [nzColor]="o.upheld ? 'volcano' : 'default'" data-testid="my-objection-outcome">
                          {{ o.upheld ? t('app.upheld') : t('app.notUpheld') }}
                        </nz-tag>
                        <span>{{ t('app.resolution') }}：{{ o.resolution }}</span>
                      } @else {
                        <nz-tag nzColor="blue">{{ t('pub.pending') }}</nz-tag>
                      }
                    </div>
                  }
                </td>
              </tr>
            }
          }
        </tbody>
      </nz-table>
    </nz-card>
    <ng-template #emptyTpl><nz-empty [nzNotFoundContent]="t('pub.empty')" data-testid="publicity-empty" /></ng-template>
  `,
  styleUrls: ['./assessment.scss'],
})
export class PublicityPage {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  private readonly reasons = inject(ReasonDialog);
  private readonly load = loadResource({ loader: () => this.api.publicity() });
  protected readonly rows = computed(() => this.load.value() ?? []);
  protected readonly loading = this.load.loading;
  protected readonly loadError = this.load.errorMessage;
  /** a reason typed for a result is kept if the dialog was closed by mistake */
  private readonly drafts = new Map<string, WritableSignal<string>>();

  private draftOf(id: string): WritableSignal<string> {
    let d = this.drafts.get(id);
    if (!d) this.drafts.set(id, (d = signal('')));
    return d;
  }

  async openObjection(r: PublicityEntry): Promise<void> {
    const reason = await this.reasons.ask({
      title: this.t('pub.objectTitle', { name: r.organisation.name }),
      description: this.t('pub.objectWhat'),
      placeholder: this.t('pub.reason'),
      okText: this.t('pub.object'),
      testId: 'publicity-reason',
      draft: this.draftOf(r.applicationId),
      submit: (text) => this.api.fileObjection(r.applicationId, text),
    });
    if (reason === null) return;
    this.drafts.delete(r.applicationId);
    this.message.success(this.t('pub.filed'));
    this.load.reload();
  }
}
