import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { PublicityEntry } from '@hutong/assessment-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '@hutong/platform-web';
import { AssessmentApiService } from './assessment-api.service';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText } from './assessment-ui';

/**
 * 结果公示: results under publicity (and published) in the cycles that cover the user. Any covered
 * organisation may object while publicity runs — it cannot open the application itself.
 */
@Component({
  selector: 'lib-publicity-page',
  imports: [
    FormsModule,
    NzCardModule,
    NzTableModule,
    NzTagModule,
    NzButtonModule,
    NzEmptyModule,
    NzModalModule,
    NzInputModule,
    NzAlertModule,
  ],
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

    <nz-modal
      [nzVisible]="!!target()"
      [nzTitle]="t('pub.objectTitle', { name: target()?.organisation?.name ?? '' })"
      [nzOkText]="t('pub.object')"
      [nzOkLoading]="busy()"
      (nzOnOk)="submit()"
      (nzOnCancel)="target.set(null)"
    >
      <ng-container *nzModalContent>
        @if (error(); as e) {
          <nz-alert nzType="error" [nzMessage]="e" nzShowIcon class="block" />
        }
        <textarea
          nz-input
          rows="4"
          [placeholder]="t('pub.reason')"
          [ngModel]="reason()"
          (ngModelChange)="reason.set($event)"
          [nzStatus]="tried() && !reason().trim() ? 'error' : ''"
          data-testid="publicity-reason"
        ></textarea>
        @if (tried() && !reason().trim()) {
          <div class="danger">{{ t('pub.reasonRequired') }}</div>
        }
      </ng-container>
    </nz-modal>
  `,
  styleUrls: ['./assessment.scss'],
})
export class PublicityPage {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  protected readonly rows = signal<PublicityEntry[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly target = signal<PublicityEntry | null>(null);
  protected readonly reason = signal('');
  protected readonly tried = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.reload();
  }

  async reload(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.rows.set(await this.api.publicity());
    } catch (err) {
      this.loadError.set(errorMessage(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  openObjection(r: PublicityEntry): void {
    // a reason typed for the same result is kept if the modal was closed by mistake
    if (this.target()?.applicationId !== r.applicationId) this.reason.set('');
    this.tried.set(false);
    this.error.set(null);
    this.target.set(r);
  }

  async submit(): Promise<void> {
    const r = this.target();
    this.tried.set(true);
    if (!r || !this.reason().trim()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.fileObjection(r.applicationId, this.reason().trim());
      this.message.success(this.t('pub.filed'));
      this.target.set(null);
      this.reason.set('');
      await this.reload();
    } catch (err) {
      this.error.set(errorMessage(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
