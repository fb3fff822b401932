import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  ASSESSMENT_LEVEL_LABELS_EN,
  ASSESSMENT_LEVEL_LABELS_ZH,
  STATE_LABELS_EN,
  STATE_LABELS_ZH,
  type ApplicationState,
  type ApplicationSummary,
  type CycleView,
  type Level,
} from '@hutong/assessment-model';
import { AuthService, I18nService, apiErrorOf, errorMessage, type TextKey } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import {
  EXPERT_POOLS,
  EXPERT_POOL_LABELS,
  SESSION_KIND_LABELS,
  SESSION_KIND_STATE,
  SESSION_STATUS_LABELS,
  SPECIALTIES,
  SPECIALTY_LABELS,
  type AutoAssignView,
  type ExpertPool,
  type InvitationStatus,
  type ReviewCaseView,
  type ReviewSessionView,
  type SessionMode,
  type Specialty,
} from '@hutong/review-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { ReviewOfficeApi } from './review-office-api';
import {
  bulkRefusalsOf,
  cellOf,
  cleanTags,
  eligibilityGrid,
  formatDay,
  formatDays,
  reasonsLine,
  reasonsOf,
  type GridCell,
  type PairRefusal,
  type RefusalReason,
} from './review-office-logic';
import { SESSION_STATUS_COLORS, SessionForm, labelOf } from './sessions.page';

const INVITATION_COLORS: Record<InvitationStatus, string> = {
  invited: 'blue',
  accepted: 'green',
  declined: 'default',
};

/** A refused manual assignment: who, where, why. */
interface AssignRefusal {
  expert: string;
  name: string;
  reasons: RefusalReason[];
}

/**
 * 评审会详情: the session's facts and status; the panel (invitations, the chair), the cases (vendors, needed
 * specialties, assignments and their progress), why each member may or may not review each case, the automatic and
 * the bulk assignment; the meeting notice and the start of scoring.
 */
@Component({
  selector: 'lib-session-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzDescriptionsModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzPopconfirmModule,
    NzProgressModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    NzTabsModule,
    NzTagModule,
    NzTooltipModule,
    SessionForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './session.page.html',
  styles: `
    .back {
      margin-bottom: 12px;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 12px;
    }
    .grow {
      flex: 1 1 auto;
    }
    .block {
      display: block;
      margin-bottom: 12px;
    }
    .small {
      font-size: 12px;
    }
    td.actions a,
    td.actions button {
      display: block;
      padding-left: 0;
    }
    .hint {
      margin-top: 4px;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.45);
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 0;
    }
    .assignment {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      line-height: 24px;
    }
    .assign-row {
      display: flex;
      gap: 8px;
      margin-top: 4px;
    }
    .assign-row nz-select {
      min-width: 200px;
    }
    .vendors {
      min-width: 200px;
      width: 100%;
    }
    .specialties label {
      margin: 0 8px 0 0;
    }
    .picker {
      max-height: 420px;
      overflow: auto;
      border: 1px solid #f0f0f0;
      border-radius: 4px;
      padding: 4px 12px;
    }
    .pick {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      padding: 6px 0;
      border-bottom: 1px solid #f5f5f5;
    }
    .pick:last-child {
      border-bottom: none;
    }
    .ok {
      color: #389e0d;
      font-weight: 600;
    }
    .no {
      color: #cf1322;
      font-weight: 600;
    }
    .cell-reasons {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.55);
      max-width: 220px;
      white-space: normal;
    }
    td.elig {
      vertical-align: top;
      min-width: 120px;
    }
    td.elig.ineligible {
      background: #fff1f0;
    }
    td.elig.eligible {
      background: #f6ffed;
    }
    td.elig.assigned {
      background: #e6f4ff;
    }
    ul.plain {
      margin: 0;
      padding-left: 18px;
    }
    .section-title {
      font-weight: 600;
      margin: 12px 0 8px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      margin-bottom: 12px;
    }
    .modal-footer {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class SessionPage {
  private readonly api = inject(ReviewOfficeApi);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  /** The route's :id (component input binding). */
  readonly id = input.required<string>();

  protected readonly specialties = SPECIALTIES;
  protected readonly pools = EXPERT_POOLS;
  protected readonly canEdit = computed(() => ['coordinator', 'admin'].includes(this.auth.role() ?? ''));

  private readonly sessionLoad = loadResource({ params: () => this.id(), loader: (id) => this.api.session(id) });
  protected readonly session = computed<ReviewSessionView | null>(() => this.sessionLoad.value() ?? null);
  protected readonly loadError = this.sessionLoad.errorMessage;
  protected readonly editable = computed(() => this.canEdit() && this.session()?.status !== 'closed');
  protected readonly planning = computed(() => this.canEdit() && this.session()?.status === 'planning');

  /** the matrix, loaded again after every change of the session (staff only) */
  private readonly eligLoad = loadResource({
    params: () => {
      const s = this.session();
      return this.canEdit() && s ? { id: s.id, s } : undefined;
    },
    loader: ({ id }) => this.api.eligibility(id),
  });
  protected readonly matrix = computed(() => this.eligLoad.value() ?? null);
  protected readonly grid = computed(() => {
    const m = this.matrix();
    return m ? eligibilityGrid(m) : null;
  });
  protected readonly eligError = this.eligLoad.errorMessage;
  protected readonly eligLoading = this.eligLoad.loading;

  /** the cycle's applications in the session's stage (to add, and for their organisations' codes) */
  private readonly appsLoad = loadResource({
    params: () => {
      const s = this.session();
      return s ? `${s.cycleId}|${SESSION_KIND_STATE[s.kind]}` : undefined;
    },
    loader: async (key) => {
      const [cycleId, state] = key.split('|') as [string, ApplicationState];
      return (await this.api.applications(cycleId, { state })).items;
    },
  });
  protected readonly stageApps = computed<ApplicationSummary[]>(() => this.appsLoad.value() ?? []);
  protected readonly appsLoading = this.appsLoad.loading;
  protected readonly appsError = this.appsLoad.errorMessage;
  private readonly codeOf = computed(() => new Map(this.stageApps().map((a) => [a.id, a.organisation.code])));
  private readonly cycleLoad = loadResource({ loader: () => this.api.cycles() });
  protected readonly cycles = computed<CycleView[]>(() => this.cycleLoad.value() ?? []);

  protected readonly members = computed(() => this.session()?.panel ?? []);
  protected readonly accepted = computed(() => this.members().filter((m) => m.status === 'accepted'));
  protected readonly cases = computed(() => this.session()?.cases ?? []);
  private readonly expertNames = computed(() => new Map(this.members().map((m) => [m.expertId, m.name])));
  private readonly caseNames = computed(() => new Map(this.cases().map((c) => [c.id, c.organisationName])));
  protected readonly addable = computed(() => {
    const inSession = new Set(this.cases().map((c) => c.applicationId));
    return this.stageApps().filter((a) => !inSession.has(a.id));
  });
  /** what starting scoring needs and still misses */
  protected readonly startProblems = computed(() => {
    const s = this.session();
    if (!s) return [];
    const out: string[] = [];
    if (!s.chair) out.push(this.t('ro.start.noChair'));
    if (s.cases.length === 0) out.push(this.t('ro.start.noCases'));
    for (const c of s.cases)
      if (c.assignments.length === 0) out.push(this.t('ro.start.caseWithoutPanel', { name: c.organisationName }));
    return out;
  });

  protected readonly tab = signal(0);
  protected readonly busy = signal<string | null>(null);

  // ---- the invitation picker
  protected readonly inviteOpen = signal(false);
  protected readonly inviteQ = signal('');
  protected readonly inviteSpecialty = signal<Specialty | null>(null);
  protected readonly invitePool = signal<ExpertPool | null>(null);
  protected readonly invitePicked = signal<ReadonlySet<string>>(new Set());
  private readonly poolLoad = loadResource({
    params: () =>
      this.inviteOpen() ? { q: this.inviteQ(), specialty: this.inviteSpecialty(), pool: this.invitePool() } : undefined,
    loader: (f) => this.api.experts({ ...f, pageSize: 200 }),
  });
  protected readonly poolExperts = computed(() => this.poolLoad.value()?.items ?? []);
  protected readonly poolTotal = computed(() => this.poolLoad.value()?.total ?? 0);
  protected readonly poolLoading = this.poolLoad.loading;
  protected readonly poolError = this.poolLoad.errorMessage;
  private readonly onPanel = computed(() => new Set(this.members().map((m) => m.expertId)));

  // ---- adding cases
  protected readonly addOpen = signal(false);
  protected readonly addPicked = signal<ReadonlySet<string>>(new Set());

  // ---- assignments
  protected readonly assignChoice = signal<Record<string, string | null>>({});
  protected readonly assignRefusal = signal<AssignRefusal | null>(null);
  protected readonly bulkExperts = signal<string[]>([]);
  protected readonly bulkCases = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkRefused = signal<PairRefusal[] | null>(null);
  protected readonly bulkMessage = signal<string | null>(null);
  protected readonly autoOpen = signal(false);
  protected readonly autoResult = signal<AutoAssignView | null>(null);

  // ---- start, edit
  protected readonly startOpen = signal(false);
  protected readonly editOpen = signal(false);

  // ---- labels
  private readonly zh = this.i18n.isZh;
  protected readonly kindLabel = (s: ReviewSessionView) => labelOf(SESSION_KIND_LABELS, s.kind, this.zh());
  protected readonly statusLabel = (s: ReviewSessionView) => labelOf(SESSION_STATUS_LABELS, s.status, this.zh());
  protected readonly statusColor = (s: ReviewSessionView) => SESSION_STATUS_COLORS[s.status];
  protected readonly specialtyLabel = (s: Specialty) => labelOf(SPECIALTY_LABELS, s, this.zh());
  protected readonly poolLabel = (p: ExpertPool) => labelOf(EXPERT_POOL_LABELS, p, this.zh());
  protected readonly modeLabel = (m: SessionMode) => this.t(`ro.mode.${m}`);
  protected readonly invitationLabel = (s: InvitationStatus) => this.t(`ro.invitation.${s}`);
  protected readonly invitationColor = (s: InvitationStatus) => INVITATION_COLORS[s];
  protected readonly levelLabel = (l: Level | null) =>
    l ? (this.zh() ? ASSESSMENT_LEVEL_LABELS_ZH[l] : ASSESSMENT_LEVEL_LABELS_EN[l]) : '';
  protected readonly stateLabel = (s: ApplicationState | null) =>
    s ? ((this.zh() ? STATE_LABELS_ZH[s] : STATE_LABELS_EN[s]) ?? s) : '';
  protected readonly day = (d: string) => formatDay(d, this.i18n.lang());
  protected readonly days = (s: ReviewSessionView) => formatDays(s.date, s.endDate, this.i18n.lang());
  protected readonly reasons = (r: readonly RefusalReason[]) =>
    reasonsLine(r, this.i18n.lang(), this.t('ro.notAccepted'));
  protected readonly expertName = (id: string) => this.expertNames().get(id) ?? id;
  protected readonly caseName = (id: string) => this.caseNames().get(id) ?? id;
  protected readonly orgCode = (c: ReviewCaseView) => this.codeOf().get(c.applicationId) ?? c.organisationName;
  protected readonly noticeUrl = computed(() => this.api.noticeUrl(this.id()));
  protected readonly resultsUrl = computed(() => this.api.resultsUrl(this.id()));
  protected readonly checklistUrl = (caseId: string) => this.api.checklistUrl(caseId);
  protected readonly percent = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);
  protected readonly submittedOf = (c: ReviewCaseView) => c.assignments.filter((a) => a.submittedAt).length;
  protected readonly shortfallText = (s: AutoAssignView['shortfalls'][number]) =>
    this.t.message?.(s.reason, s.params) ?? s.reason;

  // ---------------------------------------------------------------- helpers

  /** Runs a change that answers the session: shows the new one (and a message), or the refusal. */
  private async run(key: string, fn: () => Promise<ReviewSessionView>, done?: TextKey): Promise<boolean> {
    this.busy.set(key);
    try {
      this.sessionLoad.set(await fn());
      if (done) this.message.success(this.t(done));
      return true;
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  private toggleIn(set: ReadonlySet<string>, id: string, on: boolean): Set<string> {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  }

  // ---------------------------------------------------------------- the panel

  protected openInvite(): void {
    this.invitePicked.set(new Set());
    this.inviteOpen.set(true);
  }

  protected isOnPanel(expertId: string): boolean {
    return this.onPanel().has(expertId);
  }

  protected pickExpert(id: string, on: boolean): void {
    this.invitePicked.update((s) => this.toggleIn(s, id, on));
  }

  protected async invite(): Promise<void> {
    const ids = [...this.invitePicked()];
    if (!ids.length) return;
    if (await this.run('invite', () => this.api.invite(this.id(), ids))) {
      this.message.success(this.t('ro.invited', { n: ids.length }));
      this.inviteOpen.set(false);
    }
  }

  protected setChair(expertId: string): Promise<boolean> {
    return this.run(`chair:${expertId}`, () => this.api.setChair(this.id(), expertId), 'ro.chairSet');
  }

  protected removeMember(expertId: string): Promise<boolean> {
    return this.run(`remove:${expertId}`, () => this.api.removeMember(this.id(), expertId), 'ro.memberRemoved');
  }

  // ---------------------------------------------------------------- cases

  protected openAdd(): void {
    this.addPicked.set(new Set());
    this.appsLoad.reload();
    this.addOpen.set(true);
  }

  protected pickApp(id: string, on: boolean): void {
    this.addPicked.update((s) => this.toggleIn(s, id, on));
  }

  protected pickAllApps(on: boolean): void {
    this.addPicked.set(on ? new Set(this.addable().map((a) => a.id)) : new Set());
  }

  protected async addCases(): Promise<void> {
    const ids = [...this.addPicked()];
    if (!ids.length) return;
    if (await this.run('add', () => this.api.addCases(this.id(), ids))) {
      this.message.success(this.t('ro.casesAdded', { n: ids.length }));
      this.addOpen.set(false);
    }
  }

  protected async setVendors(c: ReviewCaseView, vendors: string[]): Promise<void> {
    const next = cleanTags(vendors);
    if (!(await this.run(`case:${c.id}`, () => this.api.updateCase(c.id, { vendors: next }), 'common.saved')))
      this.sessionLoad.reload();
  }

  protected async toggleSpecialty(c: ReviewCaseView, s: Specialty, on: boolean): Promise<void> {
    const set = new Set(c.neededSpecialties);
    if (on) set.add(s);
    else set.delete(s);
    const next = SPECIALTIES.filter((x) => set.has(x));
    if (!(await this.run(`case:${c.id}`, () => this.api.updateCase(c.id, { neededSpecialties: next }), 'common.saved')))
      this.sessionLoad.reload();
  }

  protected removeCase(c: ReviewCaseView): Promise<boolean> {
    return this.run(`removeCase:${c.id}`, () => this.api.removeCase(c.id), 'ro.caseRemoved');
  }

  // ---------------------------------------------------------------- assignments

  /** The accepted members not yet on a case, with what the matrix says of each. */
  protected assignOptions(c: ReviewCaseView): { expertId: string; label: string; eligible: boolean }[] {
    const on = new Set(c.assignments.map((a) => a.expertId));
    const m = this.matrix();
    return this.accepted()
      .filter((x) => !on.has(x.expertId))
      .map((x) => {
        const cell = cellOf(m, c.id, x.expertId);
        const eligible = cell ? cell.eligible : true;
        const why = cell && !cell.eligible ? `（${this.reasons(cell.reasons)}）` : '';
        return { expertId: x.expertId, eligible, label: `${eligible ? '✓' : '✗'} ${x.name}${why}` };
      });
  }

  protected chooseAssign(caseId: string, expertId: string | null): void {
    this.assignChoice.update((m) => ({ ...m, [caseId]: expertId }));
  }

  protected async assign(c: ReviewCaseView, expertId = this.assignChoice()[c.id] ?? null): Promise<void> {
    if (!expertId) return;
    this.busy.set(`assign:${c.id}`);
    this.assignRefusal.set(null);
    try {
      this.sessionLoad.set(await this.api.assign(c.id, expertId));
      this.chooseAssign(c.id, null);
      this.message.success(this.t('ro.assigned', { expert: this.expertName(expertId), name: c.organisationName }));
    } catch (err) {
      const body = apiErrorOf(err);
      if (body?.code === 'review.not_eligible') {
        this.assignRefusal.set({
          expert: this.expertName(expertId),
          name: c.organisationName,
          reasons: reasonsOf(body.details),
        });
      } else this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  /** An eligible cell of the matrix: assign its expert to its case. */
  protected assignCell(cell: GridCell): void {
    const c = this.cases().find((x) => x.id === cell.caseId);
    if (c) void this.assign(c, cell.expertId);
  }

  protected canAssignCell(cell: GridCell): boolean {
    return (
      this.editable() && cell.eligible && !cell.assigned && this.accepted().some((m) => m.expertId === cell.expertId)
    );
  }

  protected unassign(assignmentId: string): Promise<boolean> {
    return this.run(`unassign:${assignmentId}`, () => this.api.unassign(assignmentId), 'ro.unassigned');
  }

  protected pickCase(id: string, on: boolean): void {
    this.bulkCases.update((s) => this.toggleIn(s, id, on));
  }

  protected pickAllCases(on: boolean): void {
    this.bulkCases.set(on ? new Set(this.cases().map((c) => c.id)) : new Set());
  }

  protected readonly allCasesPicked = computed(
    () => this.cases().length > 0 && this.cases().every((c) => this.bulkCases().has(c.id)),
  );
  protected readonly someCasesPicked = computed(() => this.bulkCases().size > 0 && !this.allCasesPicked());

  protected async bulkAssign(): Promise<void> {
    const experts = this.bulkExperts();
    const cases = this.cases()
      .filter((c) => this.bulkCases().has(c.id))
      .map((c) => c.id);
    if (!experts.length || !cases.length) return;
    this.busy.set('bulk');
    this.bulkRefused.set(null);
    this.bulkMessage.set(null);
    try {
      this.sessionLoad.set(await this.api.bulkAssign(this.id(), experts, cases));
      this.message.success(this.t('ro.bulkDone', { experts: experts.length, cases: cases.length }));
      this.bulkExperts.set([]);
      this.bulkCases.set(new Set());
    } catch (err) {
      const body = apiErrorOf(err);
      if (body?.code === 'review.bulk_not_eligible') {
        this.bulkMessage.set(errorMessage(err, this.t));
        this.bulkRefused.set(bulkRefusalsOf(body.details));
      } else this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  protected async propose(): Promise<void> {
    this.busy.set('auto');
    try {
      this.autoResult.set(await this.api.autoAssign(this.id(), false));
      this.autoOpen.set(true);
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  protected async applyAuto(): Promise<void> {
    this.busy.set('autoApply');
    try {
      const r = await this.api.autoAssign(this.id(), true);
      this.autoOpen.set(false);
      this.autoResult.set(null);
      this.message.success(this.t('ro.autoApplied', { n: r.assignments.length }));
      this.sessionLoad.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  // ---------------------------------------------------------------- the session

  /** Panel members with sheets still to submit (what "remind now" reaches). */
  protected readonly lateMembers = computed(() => this.members().filter((m) => m.submitted < m.load));
  protected readonly lateSheets = computed(() => this.lateMembers().reduce((n, m) => n + m.load - m.submitted, 0));

  protected async remind(): Promise<void> {
    this.busy.set('remind');
    try {
      const r = await this.api.remind(this.id());
      if (r.reminded) this.message.success(this.t('ro.reminded', { n: r.reminded }));
      else this.message.info(this.t('ro.remindedToday'));
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  protected async start(): Promise<void> {
    if (await this.run('start', () => this.api.start(this.id()), 'ro.started')) this.startOpen.set(false);
  }

  protected onSaved(s: ReviewSessionView): void {
    this.sessionLoad.set(s);
    this.editOpen.set(false);
    this.message.success(this.t('ro.sessionUpdated'));
  }
}
