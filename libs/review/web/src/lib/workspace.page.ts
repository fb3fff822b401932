import { ChangeDetectionStrategy, Component, computed, inject, signal, type WritableSignal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ASSESSMENT_LEVEL_LABELS_EN, ASSESSMENT_LEVEL_LABELS_ZH, type Level } from '@hutong/assessment-model';
import { I18nService, errorMessage } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { ReasonDialog, provideReasonDialog } from '@hutong/platform-web/ui-forms';
import {
  SESSION_KIND_LABELS,
  SESSION_STATUS_LABELS,
  type MyAssignment,
  type ReviewSessionKind,
  type ReviewSessionStatus,
  type ReviewSessionSummary,
} from '@hutong/review-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ReviewExpertApi } from './review-expert-api';
import {
  ASSIGNMENT_STATUSES,
  assignmentStatus,
  filterAssignments,
  formatDay,
  invitationsOf,
  progressPercent,
  vocabulary,
  type AssignmentStatus,
} from './review-expert-logic';

const STATUS_COLORS: Record<AssignmentStatus, string> = { open: 'blue', overdue: 'red', submitted: 'green' };

/**
 * 我的评审: my invitations to review sessions (accept, or decline with a reason — declining ends my unsubmitted
 * assignments there) and my assignments: the applicant, the kind, the target level, the scoring due date (overdue
 * past its end in Asia/Shanghai), progress and whether submitted; filtered by status, by due date, paged; each opens
 * its score sheet, and where I chair the session, the case's consolidation.
 */
@Component({
  selector: 'lib-review-workspace-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzProgressModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
  ],
  providers: [provideReasonDialog()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (sessionsLoad.errorMessage(); as message) {
      <div class="load-error" data-testid="ws-invitations-error">{{ message }}</div>
    }
    @if (invitations().length) {
      <nz-card [nzTitle]="t('rx.ws.invitations')" nzSize="small" class="block" data-testid="ws-invitations">
        @for (s of invitations(); track s.id) {
          <div class="list-row invitation" data-testid="ws-invitation" [attr.data-session]="s.title">
            <div class="grow">
              <div class="title">
                {{ s.title }}
                <nz-tag [nzColor]="s.kind === 'onsite' ? 'purple' : 'cyan'">{{ kindLabel(s.kind) }}</nz-tag>
                @if (s.me?.role === 'chair') {
                  <nz-tag nzColor="gold" data-testid="ws-invitation-chair">{{ t('rx.role.chair') }}</nz-tag>
                }
              </div>
              <div class="muted">
                {{ s.cycleName }}<span class="sep"></span>{{ t('rx.ws.sessionDate') }}：{{ day(s.date)
                }}<span class="sep"></span>{{ t('rx.ws.casesPanel', { cases: s.cases, panel: s.panel }) }}
              </div>
            </div>
            <div class="extra">
              <button
                nz-button
                nzType="primary"
                type="button"
                [nzLoading]="busy() === s.id + ':accept'"
                [disabled]="busy() !== null"
                (click)="accept(s)"
                data-testid="ws-accept"
              >
                <nz-icon nzType="check-circle" />{{ t('rx.ws.accept') }}
              </button>
              <button
                nz-button
                nzDanger
                type="button"
                [nzLoading]="busy() === s.id + ':decline'"
                [disabled]="busy() !== null"
                (click)="decline(s)"
                data-testid="ws-decline"
              >
                {{ t('rx.ws.decline') }}
              </button>
            </div>
          </div>
        }
      </nz-card>
    }

    <nz-card [nzTitle]="t('rx.ws.assignments')" nzSize="small">
      <div class="filters">
        <nz-select
          class="wide"
          nzAllowClear
          [nzPlaceHolder]="t('rx.ws.allStatuses')"
          [ngModel]="status()"
          (ngModelChange)="setStatus($event ?? null)"
          data-testid="ws-status-filter"
        >
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="statusLabel(s)" />
          }
        </nz-select>
        <span class="muted" data-testid="ws-summary">{{
          t('rx.ws.summary', { open: counts().open, overdue: counts().overdue, submitted: counts().submitted })
        }}</span>
      </div>
      @if (mineLoad.errorMessage(); as message) {
        <div class="load-error" data-testid="ws-error">{{ message }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="ws-assignments"
        [nzData]="rows()"
        [nzLoading]="mineLoad.loading()"
        [nzPageIndex]="page()"
        (nzPageIndexChange)="page.set($event)"
        [nzPageSize]="pageSize()"
        (nzPageSizeChange)="setPageSize($event)"
        [nzPageSizeOptions]="[10, 20, 50]"
        nzShowSizeChanger
        [nzShowTotal]="totalTpl"
        [nzNoResult]="emptyTpl"
        [nzScroll]="{ x: '1100px' }"
      >
        <thead>
          <tr>
            <th>{{ t('rx.ws.session') }}</th>
            <th>{{ t('rx.ws.applicant') }}</th>
            <th nzWidth="110px">{{ t('rx.ws.targetLevel') }}</th>
            <th
              nzWidth="190px"
              [nzSortFn]="true"
              [nzSortDirections]="['ascend', 'descend']"
              [nzSortOrder]="dir() === 'desc' ? 'descend' : 'ascend'"
              (nzSortOrderChange)="sortDue($event)"
              data-testid="ws-sort-due"
            >
              {{ t('rx.ws.due') }}
            </th>
            <th nzWidth="180px">{{ t('rx.ws.progress') }}</th>
            <th nzWidth="100px">{{ t('rx.ws.status') }}</th>
            <th nzWidth="230px" nzRight>{{ t('common.actions') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (a of table.data; track a.assignmentId) {
            <tr
              data-testid="ws-assignment"
              [attr.data-org]="a.organisationName"
              [attr.data-session]="a.sessionTitle"
              [attr.data-status]="statusOf(a)"
            >
              <td>
                <div>{{ a.sessionTitle }}</div>
                <nz-tag [nzColor]="a.kind === 'onsite' ? 'purple' : 'cyan'">{{ kindLabel(a.kind) }}</nz-tag>
                @if (a.sessionStatus !== 'scoring') {
                  <nz-tag data-testid="ws-session-status">{{ sessionStatusLabel(a.sessionStatus) }}</nz-tag>
                }
                @if (a.chair) {
                  <nz-tag nzColor="gold">{{ t('rx.role.chair') }}</nz-tag>
                }
              </td>
              <td>{{ a.organisationName }}</td>
              <td>{{ level(a.targetLevel) }}</td>
              <td>
                <span class="nowrap" data-testid="ws-due">{{ day(a.scoringDue) }}</span>
                @if (statusOf(a) === 'overdue') {
                  <nz-tag nzColor="red" class="gap" data-testid="ws-overdue">{{ t('rx.ws.overdue') }}</nz-tag>
                }
              </td>
              <td>
                <div class="progress">
                  <span class="nowrap" data-testid="ws-progress">{{ a.scored }} / {{ a.items }}</span>
                  <nz-progress
                    [nzPercent]="percent(a)"
                    nzSize="small"
                    [nzShowInfo]="false"
                    [nzStatus]="a.submittedAt ? 'success' : 'normal'"
                  />
                </div>
              </td>
              <td>
                <nz-tag [nzColor]="statusColor(a)" data-testid="ws-status">{{
                  a.submittedAt ? t('rx.ws.submitted') : t('rx.ws.notSubmitted')
                }}</nz-tag>
              </td>
              <td nzRight>
                <a [routerLink]="['/review/sheets', a.assignmentId]" data-testid="ws-open-sheet">{{
                  a.submittedAt || a.sessionStatus !== 'scoring' ? t('rx.ws.view') : t('rx.ws.score')
                }}</a>
                @if (a.chair) {
                  <span class="sep"></span>
                  <a [routerLink]="['/review/cases', a.caseId, 'consolidation']" data-testid="ws-consolidate">{{
                    t('rx.ws.consolidate')
                  }}</a>
                }
                @if (a.sessionStatus !== 'closed') {
                  <span class="sep"></span>
                  <button
                    nz-button
                    nzType="link"
                    nzDanger
                    nzSize="small"
                    type="button"
                    class="inline"
                    (click)="declare(a)"
                    data-testid="ws-declare"
                  >
                    {{ t('rx.ws.declare') }}
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    <ng-template #totalTpl let-total>{{ t('common.total', { n: total }) }}</ng-template>
    <ng-template #emptyTpl>
      <nz-empty [nzNotFoundContent]="status() ? t('rx.ws.emptyFiltered') : t('rx.ws.empty')" data-testid="ws-empty" />
    </ng-template>
  `,
  styles: `
    .inline {
      padding: 0;
      height: auto;
    }
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .invitation {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .invitation .grow {
      flex: 1 1 320px;
      min-width: 0;
    }
    .invitation .title {
      font-weight: 500;
      margin-bottom: 2px;
    }
    .progress {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .progress nz-progress {
      flex: 1 1 auto;
      min-width: 60px;
    }
    .gap {
      margin-left: 6px;
    }
  `,
})
export class WorkspacePage {
  private readonly api = inject(ReviewExpertApi);
  private readonly message = inject(NzMessageService);
  private readonly reasons = inject(ReasonDialog);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly statuses = ASSIGNMENT_STATUSES;
  protected readonly sessionsLoad = loadResource({ loader: () => this.api.sessions() });
  protected readonly mineLoad = loadResource({ loader: () => this.api.mine() });
  protected readonly invitations = computed(() => invitationsOf(this.sessionsLoad.value() ?? []));

  protected readonly status = signal<AssignmentStatus | null>(null);
  protected readonly dir = signal<'asc' | 'desc'>('asc');
  protected readonly page = signal(1);
  protected readonly pageSize = signal(10);
  protected readonly busy = signal<string | null>(null);
  private readonly declineDrafts = new Map<string, WritableSignal<string>>();

  protected readonly rows = computed(() =>
    filterAssignments(this.mineLoad.value() ?? [], this.status(), this.dir(), new Date()),
  );
  protected readonly counts = computed(() => {
    const out: Record<AssignmentStatus, number> = { open: 0, overdue: 0, submitted: 0 };
    const now = new Date();
    for (const a of this.mineLoad.value() ?? []) out[assignmentStatus(a, now)]++;
    return out;
  });

  protected readonly kindLabel = (k: ReviewSessionKind) => vocabulary(SESSION_KIND_LABELS, k, this.i18n.lang());
  protected readonly sessionStatusLabel = (s: ReviewSessionStatus) =>
    vocabulary(SESSION_STATUS_LABELS, s, this.i18n.lang());
  protected readonly day = (d: string) => formatDay(d, this.i18n.lang());
  protected readonly level = (l: Level | null) =>
    l ? (this.i18n.isZh() ? ASSESSMENT_LEVEL_LABELS_ZH[l] : ASSESSMENT_LEVEL_LABELS_EN[l]) : '—';
  protected readonly percent = (a: MyAssignment) => progressPercent(a.scored, a.items);
  protected readonly statusOf = (a: MyAssignment) => assignmentStatus(a, new Date());
  protected readonly statusColor = (a: MyAssignment) => STATUS_COLORS[this.statusOf(a)];
  protected readonly statusLabel = (s: AssignmentStatus) => this.t(`rx.ws.status.${s}`);

  protected setStatus(s: AssignmentStatus | null): void {
    this.status.set(s);
    this.page.set(1);
  }

  protected setPageSize(n: number): void {
    this.pageSize.set(n);
    this.page.set(1);
  }

  protected sortDue(order: string | null): void {
    this.dir.set(order === 'descend' ? 'desc' : 'asc');
    this.page.set(1);
  }

  private reload(): void {
    this.sessionsLoad.reload();
    this.mineLoad.reload();
  }

  async accept(s: ReviewSessionSummary): Promise<void> {
    this.busy.set(`${s.id}:accept`);
    try {
      await this.api.respond(s.id, true);
      this.message.success(this.t('rx.ws.accepted', { title: s.title }));
      this.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  /** 声明回避: the expert declares a tie with an application it is on; its assignment there ends. */
  async declare(a: MyAssignment): Promise<void> {
    const reason = await this.reasons.ask({
      title: this.t('rx.ws.declareTitle', { name: a.organisationName }),
      description: this.t('rx.ws.declareWhat'),
      placeholder: this.t('rx.ws.declareReason'),
      okText: this.t('rx.ws.declare'),
      danger: true,
      maxLength: 500,
      testId: 'ws-declare-reason',
      submit: (r) => this.api.declareConflict(a.applicationId, r),
    });
    if (reason === null) return;
    this.message.success(this.t('rx.ws.declared', { name: a.organisationName }));
    this.reload();
  }

  async decline(s: ReviewSessionSummary): Promise<void> {
    let draft = this.declineDrafts.get(s.id);
    if (!draft) {
      draft = signal('');
      this.declineDrafts.set(s.id, draft);
    }
    const reason = await this.reasons.ask({
      title: this.t('rx.ws.declineTitle', { title: s.title }),
      description: this.t('rx.ws.declineWhat'),
      placeholder: this.t('rx.ws.declineReason'),
      okText: this.t('rx.ws.decline'),
      danger: true,
      draft,
      testId: 'ws-decline-reason',
      submit: (r) => this.api.respond(s.id, false, r),
    });
    if (reason === null) return;
    draft.set('');
    this.message.success(this.t('rx.ws.declined', { title: s.title }));
    this.reload();
  }
}
