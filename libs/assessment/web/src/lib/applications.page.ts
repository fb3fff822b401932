import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { ApplicationSummary, ApplicationView, CycleView } from '@hutong/assessment-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { loadResource } from '@hutong/platform-web/ui';
import { AssessmentApiService } from './assessment-api.service';
import { AuthService } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { ApplyForm } from './apply-form';
import { AssessmentText } from './assessment-ui';

/** 我的申请: an applicant's applications (a coordinator's: those of its jurisdiction), and the apply drawer. */
@Component({
  selector: 'lib-applications-page',
  imports: [NzCardModule, NzTableModule, NzTagModule, NzButtonModule, NzIconModule, NzEmptyModule, ApplyForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('apps.title')" [nzExtra]="extra" nzSize="small">
      @if (loadError(); as message) {
        <div class="load-error" data-testid="apps-error">{{ message }}</div>
      }
      <nz-table
        #table
        data-testid="apps-table"
        nzSize="middle"
        [nzData]="rows()"
        [nzLoading]="loading()"
        [nzPageSize]="20"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="emptyTpl"
        [nzScroll]="{ x: '960px' }"
      >
        <thead>
          <tr>
            <th>{{ t('asm.cycle') }}</th>
            @if (!isApplicant()) {
              <th>{{ t('asm.organisation') }}</th>
            }
            <th nzWidth="130px">{{ t('asm.scheme') }}</th>
            <th nzWidth="110px">{{ t('asm.targetLevel') }}</th>
            <th nzWidth="130px">{{ t('asm.state') }}</th>
            <th nzWidth="110px">{{ t('asm.achievedLevel') }}</th>
            <th nzWidth="180px">{{ t('asm.dueDate') }}</th>
            <th nzWidth="160px">{{ t('asm.updatedAt') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (a of table.data; track a.id) {
            <tr data-testid="app-row" [attr.data-state]="a.state" class="clickable" (click)="open(a)">
              <td>
                <button nz-button nzType="link" nzSize="small" type="button" class="name-link" data-testid="app-open">
                  {{ cycleName(a.cycleId) }}
                </button>
              </td>
              @if (!isApplicant()) {
                <td>{{ a.organisation.name }}</td>
              }
              <td data-testid="app-scheme">{{ a.schemeName }} v{{ a.schemeVersion }}</td>
              <td>{{ text.level(a.targetLevel) }}</td>
              <td>
                <nz-tag [nzColor]="text.color(a.state)" data-testid="app-state">{{ text.state(a.state) }}</nz-tag>
              </td>
              <td>{{ text.level(a.achievedLevel) || '—' }}</td>
              <td class="nowrap">
                {{ text.day(a.dueDate) || '—' }}
                @if (a.late) {
                  <nz-tag nzColor="red" data-testid="late-tag">{{ t('asm.late') }}</nz-tag>
                }
              </td>
              <td class="nowrap">{{ date(a.updatedAt) }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    <ng-template #extra>
      @if (isApplicant()) {
        <button nz-button nzType="primary" type="button" (click)="drawerOpen.set(true)" data-testid="app-apply">
          <nz-icon nzType="plus" />{{ t('apps.apply') }}
        </button>
      }
    </ng-template>
    <ng-template #emptyTpl>
      <nz-empty
        [nzNotFoundContent]="isApplicant() ? t('apps.empty') : t('apps.emptyCoordinator')"
        data-testid="apps-empty"
      />
    </ng-template>

    @if (isApplicant()) {
      <lib-apply-form [open]="drawerOpen()" (saved)="onCreated($event)" (closed)="drawerOpen.set(false)" />
    }
  `,
  styleUrls: ['./assessment.scss'],
})
export class ApplicationsPage {
  private readonly api = inject(AssessmentApiService);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  private readonly load = loadResource({
    loader: () =>
      Promise.all([this.api.applications(), this.api.cycles().catch(() => [] as CycleView[])]).then(
        ([rows, cycles]) => ({ rows: [...rows].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), cycles }),
      ),
  });
  protected readonly rows = computed(() => this.load.value()?.rows ?? []);
  private readonly cycles = computed(() => this.load.value()?.cycles ?? []);
  protected readonly loading = this.load.loading;
  protected readonly loadError = this.load.errorMessage;
  protected readonly drawerOpen = signal(false);
  protected readonly isApplicant = computed(() => this.auth.role() === 'applicant');
  private readonly cycleNames = computed(() => new Map(this.cycles().map((c) => [c.id, c.name])));
  protected readonly cycleName = (id: string) => this.cycleNames().get(id) ?? id;
  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());

  open(a: ApplicationSummary): void {
    void this.router.navigate(['/applications', a.id]);
  }

  onCreated(app: ApplicationView): void {
    this.drawerOpen.set(false);
    this.message.success(this.t('apps.created'));
    void this.router.navigate(['/applications', app.id]);
  }
}
