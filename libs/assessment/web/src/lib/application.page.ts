import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type {
  ApplicationAction,
  ApplicationState,
  ApplicationView,
  CycleView,
  Level,
  LowerLevelDecision,
  MissingItem,
  ObjectionView,
  ReturnReason,
  SchemeView,
  StageEventView,
  TransitionRequest,
} from '@hutong/assessment-model';
import {
  deriveLevel,
  leavesUpTo,
  levelOutcome,
  isSelfAssessmentEditable,
  levelRank,
  type IndicatorLeaf,
  type LevelOutcomeKind,
} from '@hutong/assessment-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '@hutong/platform-web';
import { ReasonDialog, provideReasonDialog } from '@hutong/platform-web/ui-forms';
import { AssessmentApiService } from './assessment-api.service';
import { AuthService } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText, fromDateString, missingOf, toDateString, todayInChina } from './assessment-ui';
import { ReviewFacts } from './review-facts';
import { SelfAssessment } from './self-assessment';
import { StageDiagram } from './stage-diagram';
import { VersionsPanel } from './versions-panel';

/** Actions with their own controls (submit button, return modal, objections tab), not the generic buttons. */
const SPECIAL_ACTIONS: ApplicationAction[] = [
  'submit',
  'resubmit',
  'return',
  'file_objection',
  'resolve_objection',
  // the national body's decisions that need a reason (the reason dialog)
  'national_reject',
  'revoke',
];
const RATED_STATES: ApplicationState[] = ['referred', 'publicity', 'objection', 'published', 'not_passed'];
const RATING_TAB_STATES: ApplicationState[] = ['rating', ...RATED_STATES];

export interface ReturnRow {
  itemCode: string | null;
  reason: string;
}

/** Problems of a return form: per row (index → message key) and of the deadline. */
export function returnProblems(
  rows: ReturnRow[],
  deadline: string | null,
  today: string,
): { rows: number[]; none: boolean; deadline: 'required' | 'past' | null } {
  const bad = rows.map((r, i) => (!r.itemCode || r.reason.trim() === '' ? i : -1)).filter((i) => i >= 0);
  return {
    rows: bad,
    none: rows.length === 0,
    deadline: !deadline ? 'required' : deadline < today ? 'past' : null,
  };
}

/** 申请详情: header, stage diagram, self-assessment, stage gates, rating, objections, history and versions. */
@Component({
  selector: 'lib-application-page',
  providers: [provideReasonDialog()],
  imports: [
    FormsModule,
    RouterLink,
    NzCardModule,
    NzDescriptionsModule,
    NzTagModule,
    NzButtonModule,
    NzIconModule,
    NzAlertModule,
    NzTabsModule,
    NzTableModule,
    NzEmptyModule,
    NzSpinModule,
    NzModalModule,
    NzFormModule,
    NzSelectModule,
    NzInputModule,
    NzInputNumberModule,
    NzDatePickerModule,
    NzPopconfirmModule,
    SelfAssessment,
    StageDiagram,
    VersionsPanel,
    ReviewFacts,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application.page.html',
  styleUrls: ['./assessment.scss', './application.page.scss'],
})
export class ApplicationPage {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;
  private readonly questionnaire = viewChild(SelfAssessment);
  private readonly reasons = inject(ReasonDialog);

  /** The route's :id (component input binding). */
  readonly id = input.required<string>();

  protected readonly app = signal<ApplicationView | null>(null);
  protected readonly scheme = signal<SchemeView | null>(null);
  protected readonly cycle = signal<CycleView | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal<ApplicationAction | null>(null);
  /** what a refused submit named; the banner then shows the live completeness (one count, one list) */
  protected readonly missing = signal<MissingItem[]>([]);
  protected readonly tab = signal(0);

  // return modal
  protected readonly returnOpen = signal(false);
  protected readonly returnRows = signal<ReturnRow[]>([]);
  protected readonly returnDeadline = signal<Date | null>(null);
  protected readonly returnTried = signal(false);
  protected readonly returnError = signal<string | null>(null);
  // objection modals
  protected readonly resolving = signal<ObjectionView | null>(null);
  protected readonly resolution = signal('');
  protected readonly upheld = signal(false);
  protected readonly resolveTried = signal(false);
  protected readonly modalError = signal<string | null>(null);
  // consensus scores
  protected readonly scores = signal<Record<string, number | null>>({});
  protected readonly scoresBusy = signal(false);

  protected readonly isCoordinator = computed(() => {
    const r = this.auth.role();
    return r === 'coordinator' || r === 'admin';
  });
  protected readonly leaves = computed<IndicatorLeaf[]>(() => {
    const a = this.app();
    const s = this.scheme();
    return a && s ? leavesUpTo(s.tree, a.targetLevel) : [];
  });
  protected readonly leafTitles = computed(() => new Map(this.leaves().map((l) => [l.code, l.title])));
  protected readonly editable = computed(() => {
    const a = this.app();
    return !!a && this.auth.role() === 'applicant' && isSelfAssessmentEditable(a.state);
  });
  protected readonly allowed = computed(
    () => new Set((this.app()?.actions ?? []).filter((a) => a.allowed).map((a) => a.action)),
  );
  protected readonly submitAction = computed<ApplicationAction | null>(() => {
    const a = this.app();
    if (!a) return null;
    const found = a.actions.find((x) => x.action === 'submit' || x.action === 'resubmit');
    return found?.action ?? null;
  });
  /** the generic stage-gate buttons: allowed actions without their own controls */
  protected readonly gateActions = computed(() =>
    (this.app()?.actions ?? []).filter(
      (a) => a.allowed && !SPECIAL_ACTIONS.includes(a.action) && !(a.action === 'rate' && this.lowerDecision()),
    ),
  );
  protected readonly isNational = computed(() => this.auth.role() === 'national');
  /** the national body's decisions with a reason: rejecting a referred rating, revoking a published level */
  protected readonly reasonActions = computed(() =>
    (this.app()?.actions ?? []).filter((a) => a.allowed && (a.action === 'national_reject' || a.action === 'revoke')),
  );
  protected readonly canReturn = computed(() => this.app()?.actions.some((a) => a.action === 'return') ?? false);
  protected readonly canFileObjection = computed(() => this.allowed().has('file_objection'));
  protected readonly canResolve = computed(() => this.allowed().has('resolve_objection'));
  protected readonly rated = computed(() => {
    const a = this.app();
    return !!a && RATED_STATES.includes(a.state);
  });
  protected readonly showRating = computed(() => {
    const a = this.app();
    return !!a && (RATING_TAB_STATES.includes(a.state) || Object.keys(a.consensusScores).length > 0);
  });
  protected readonly scoresEditable = computed(() => this.app()?.state === 'rating' && this.isCoordinator());
  protected readonly showObjections = computed(() => {
    const a = this.app();
    return !!a && (a.objections.length > 0 || a.state === 'publicity' || a.state === 'objection');
  });
  /** the questionnaire's completeness (the domain's completenessOf): the banner's count and list come from it */
  protected readonly completeness = computed(() => this.questionnaire()?.completeness() ?? null);
  /** after a refused submit: the items still unfinished now */
  protected readonly incomplete = computed(() => {
    if (!this.missing().length) return [];
    const c = this.completeness();
    return c ? c.items : [];
  });
  /** the things to highlight in the questionnaire (the same result) */
  protected readonly highlighted = computed<MissingItem[]>(() =>
    this.missing().length ? (this.completeness()?.missing ?? this.missing()) : [],
  );
  /** rating: the level the consensus scores reach (the rule the api applies) and how it compares with the target */
  protected readonly preview = computed<{ outcome: LevelOutcomeKind; level: Level | null } | null>(() => {
    const a = this.app();
    const s = this.scheme();
    if (!a || !s || a.state !== 'rating' || !this.allowed().has('rate')) return null;
    const level = deriveLevel(s.tree, s.levelRules, a.targetLevel, a.consensusScores).level;
    return { outcome: levelOutcome(level, a.targetLevel), level };
  });
  /** the official rule on the scores shown (typed consensus): per part the score, the minimums, what closes the gap */
  protected readonly explained = computed(() => {
    const a = this.app();
    const s = this.scheme();
    if (!a || !s) return null;
    const typed = Object.entries(this.scores()).filter((e): e is [string, number] => typeof e[1] === 'number');
    return deriveLevel(s.tree, s.levelRules, a.targetLevel, Object.fromEntries(typed));
  });
  /** a missed target level with a lower one reached: the coordinator decides (not the generic button) */
  protected readonly lowerDecision = computed(() => this.preview()?.outcome === 'lower');
  protected readonly belowTarget = computed(() => {
    const a = this.app();
    return !!a?.achievedLevel && levelRank(a.achievedLevel) < levelRank(a.targetLevel);
  });
  protected readonly history = computed<StageEventView[]>(() =>
    [...(this.app()?.history ?? [])].sort((a, b) => b.at.localeCompare(a.at)),
  );
  protected readonly reportUrl = computed(() => this.api.reportUrl(this.id()));
  protected readonly returnCheck = computed(() =>
    returnProblems(
      this.returnRows(),
      this.returnDeadline() ? toDateString(this.returnDeadline() as Date) : null,
      todayInChina(),
    ),
  );
  protected readonly date = (v: string | null) => formatDateTime(v, this.i18n.lang());
  protected readonly disabledPast = (d: Date) => toDateString(d) < todayInChina();
  /** what the confirmation says: what happens, for the actions that are hard to undo */
  protected readonly confirmText = (action: ApplicationAction): string => {
    const a = this.app();
    switch (action) {
      case 'withdraw':
        return this.t('app.withdrawConfirm');
      case 'reopen':
        return this.t('app.reopenConfirm');
      case 'finish_conformance':
        return a?.conformance && !a.conformance.passed
          ? this.t('app.finishConformanceFailed', { n: a.conformance.failedItems })
          : this.t('app.finishConformancePassed');
      case 'national_confirm':
        return this.t('app.nationalConfirmConfirm', {
          level: this.text.level(a?.achievedLevel ?? null),
          days: this.cycle()?.publicityDays ?? 7,
        });
      default:
        return this.t('asm.actionConfirm', { action: this.text.action(action) });
    }
  };
  /** a return reason as the reader's language has it: a reason the system wrote is translated from its code */
  protected readonly reasonText = (r: ReturnReason): string =>
    (r.code ? this.t.message?.(r.code, r.params) : null) ?? r.reason;
  protected readonly eventLabel = (a: StageEventView['action']) =>
    a === 'create' || a === 'save' ? this.t(`app.event.${a}`) : this.text.action(a);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const app = await this.api.application(id);
      this.setApp(app);
      const [scheme, cycle] = await Promise.all([
        this.api.scheme(app.schemeId),
        this.api.cycle(app.cycleId).catch(() => null),
      ]);
      this.scheme.set(scheme);
      this.cycle.set(cycle);
    } catch (err) {
      this.loadError.set(errorMessage(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  private setApp(app: ApplicationView): void {
    this.app.set(app);
    const scores: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(app.consensusScores)) scores[k] = v;
    if (!this.scoresBusy()) this.scores.set(scores);
  }

  /** The autosave's answer: keep the view current (state, version, evidence, actions). */
  protected onSaved(app: ApplicationView): void {
    this.app.set(app);
  }

  async run(action: ApplicationAction, extra: Partial<TransitionRequest> = {}): Promise<boolean> {
    const a = this.app();
    if (!a) return false;
    this.busy.set(action);
    try {
      const next = await this.api.transition(a.id, { action, ...extra });
      this.missing.set([]);
      this.setApp(next);
      this.message.success(this.t('asm.actionDone', { action: this.text.action(action) }));
      return true;
    } catch (err) {
      const missing = missingOf(err);
      if (missing) {
        this.showMissing(missing);
      } else {
        const msg = errorMessage(err, this.t);
        this.message.error(msg);
        if (err instanceof HttpErrorResponse && err.status === 409) void this.refresh();
        this.modalError.set(msg);
        this.returnError.set(msg);
      }
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  private async refresh(): Promise<void> {
    try {
      this.setApp(await this.api.application(this.id()));
    } catch {
      // the page keeps what it shows
    }
  }

  async submit(): Promise<void> {
    const action = this.submitAction();
    if (!action) return;
    const q = this.questionnaire();
    if (q && !(await q.flush())) {
      // the typed input stays on the page; the questionnaire shows why the save failed
      this.message.error(this.t('app.saveFailed', { message: q.lastError() ?? this.t('common.serverError') }));
      return;
    }
    this.tab.set(0);
    await this.run(action);
  }

  private showMissing(list: MissingItem[]): void {
    this.missing.set(list);
    this.tab.set(0);
    // let the list and the highlighted items render, then bring the first one into view
    setTimeout(() => {
      document.querySelector('[data-testid="missing-list"]')?.scrollIntoView?.({ block: 'start' });
      if (list[0]) setTimeout(() => this.reveal(list[0].itemCode), 400);
    }, 50);
  }

  reveal(code: string): void {
    this.questionnaire()?.reveal(code);
  }

  // ---- return for supplement ----
  openReturn(): void {
    this.returnRows.set([{ itemCode: null, reason: '' }]);
    this.returnDeadline.set(null);
    this.returnTried.set(false);
    this.returnError.set(null);
    this.returnOpen.set(true);
  }

  addReturnRow(): void {
    this.returnRows.update((rows) => [...rows, { itemCode: null, reason: '' }]);
  }

  removeReturnRow(i: number): void {
    this.returnRows.update((rows) => rows.filter((_, j) => j !== i));
  }

  patchReturnRow(i: number, patch: Partial<ReturnRow>): void {
    this.returnRows.update((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  }

  async confirmReturn(): Promise<void> {
    this.returnTried.set(true);
    this.returnError.set(null);
    const check = this.returnCheck();
    const deadline = this.returnDeadline();
    if (check.rows.length || check.none || check.deadline || !deadline) return;
    const returnReasons: ReturnReason[] = this.returnRows().map((r) => ({
      itemCode: r.itemCode as string,
      reason: r.reason.trim(),
    }));
    if (await this.run('return', { returnReasons, returnDeadline: toDateString(deadline) })) this.returnOpen.set(false);
  }

  // ---- the national body: reject a referred rating, revoke a published level (a reason each) ----
  async askReason(action: ApplicationAction): Promise<void> {
    const a = this.app();
    if (!a) return;
    await this.reasons.ask({
      title: this.text.action(action),
      description: this.t(action === 'revoke' ? 'app.revokeWhat' : 'app.nationalRejectWhat'),
      placeholder: this.t('app.reasonText'),
      okText: this.text.action(action),
      danger: true,
      testId: 'decision-reason',
      submit: async (reason) => {
        const next = await this.api.transition(a.id, { action, reason });
        this.setApp(next);
        this.message.success(this.t('asm.actionDone', { action: this.text.action(action) }));
      },
    });
  }

  /** A fact recorded (conformance, document review, on-site, spot check): the view as the api answered it. */
  protected onFacts(app: ApplicationView): void {
    this.setApp(app);
  }

  // ---- objections ----
  async openObjection(): Promise<void> {
    const a = this.app();
    if (!a) return;
    await this.reasons.ask({
      title: this.t('app.fileObjection'),
      description: this.t('app.objectionWhat'),
      placeholder: this.t('app.objectionReason'),
      okText: this.t('app.fileObjection'),
      testId: 'objection-reason',
      submit: async (reason) => {
        const next = await this.api.transition(a.id, { action: 'file_objection', reason });
        this.setApp(next);
        this.message.success(this.t('asm.actionDone', { action: this.text.action('file_objection') }));
      },
    });
  }

  openResolve(o: ObjectionView): void {
    this.resolution.set('');
    this.upheld.set(false);
    this.resolveTried.set(false);
    this.modalError.set(null);
    this.resolving.set(o);
  }

  async confirmResolve(): Promise<void> {
    const o = this.resolving();
    this.resolveTried.set(true);
    this.modalError.set(null);
    const note = this.resolution().trim();
    if (!o || !note) return;
    if (await this.run('resolve_objection', { objectionId: o.id, upheld: this.upheld(), note })) {
      this.resolving.set(null);
    }
  }

  // ---- consensus scores ----
  setScore(code: string, v: number | null): void {
    this.scores.update((s) => ({ ...s, [code]: typeof v === 'number' && Number.isFinite(v) ? v : null }));
  }

  async saveScores(): Promise<void> {
    const a = this.app();
    if (!a) return;
    const scores: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.scores())) if (typeof v === 'number') scores[k] = v;
    this.scoresBusy.set(true);
    try {
      const next = await this.api.saveConsensusScores(a.id, { scores });
      this.scoresBusy.set(false);
      this.setApp(next);
      this.message.success(this.t('app.consensusSaved'));
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.scoresBusy.set(false);
    }
  }

  protected pickerDate(s: string | null): Date | null {
    return s ? fromDateString(s) : null;
  }

  protected selfScoreOf(a: ApplicationView, code: string): string {
    const s = a.answers.find((x) => x.itemCode === code)?.selfScore;
    return typeof s === 'number' ? String(s) : '—';
  }

  protected missingLabel(what: MissingItem['what']): string {
    return this.t(`app.missing.${what}`);
  }

  protected missingLabels(whats: MissingItem['what'][]): string {
    return whats.map((w) => this.missingLabel(w)).join(this.i18n.isZh() ? '；' : '; ');
  }

  /** rate with the coordinator's decision on a missed target level */
  async rateWith(lowerLevelDecision: LowerLevelDecision): Promise<void> {
    await this.run('rate', { lowerLevelDecision });
  }
}
