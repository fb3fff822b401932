/**
 * The stage machine of an application (DESIGN.md §2): states, transitions, the roles allowed, guards and
 * side effects. Framework-free: the api decides with it, the worker reads it, the web draws it.
 *
 * Decision order in `decide`: role (403) → ownership / jurisdiction (403) → state (409) → authority (403: a listed
 * role that may not act on this application) → guards (422 for an incomplete self-assessment, 409 otherwise). A refusal carries a code and params (texts zh/en in
 * ASSESSMENT_MESSAGES, messages.ts) and, for code that reads it, the Chinese `reason`.
 */
import { APPLICATION_ACTIONS, APPLICATION_STATES } from './contracts';
import type { ApplicationAction, ApplicationState, Level, LowerLevelDecision, MissingItem } from './contracts';
import { nationwide, renderMessage, type MessageParams, type Role } from '@hutong/platform-model';
import { incompleteItemCount } from './completeness';
import { STATE_LABELS_ZH, isNationalLevel, levelRank } from './levels';
import { ASSESSMENT_CATALOGUE, type AssessmentMessageCode } from './messages';

export interface TransitionContext {
  role: Role;
  /** the caller belongs to the applying organisation */
  ownOrganisation: boolean;
  /** the application lies in the caller's jurisdiction (coordinator), or the caller's organisation lies in the
   * cycle's jurisdiction (applicant filing an objection). Admins are always in jurisdiction. */
  inJurisdiction: boolean;
  now: Date;
  /** what is still missing for a submit (see missingForSubmit) */
  missing: MissingItem[];
  /** the current step's due date (Asia/Shanghai) is past (see isPastDue) */
  dueDatePassed: boolean;
  /** the scheme requires an on-site inspection for the target level */
  onsiteRequired: boolean;
  allScoresEntered: boolean;
  publicityOver: boolean;
  openObjections: number;
  /** a `return` carries at least one reason */
  hasReturnReasons: boolean;
  /** national_reject, revoke: the request carries a (non-blank) reason */
  hasReason: boolean;
  /** finish_conformance: the conformance test's result is recorded (for this round of testing) */
  conformanceRecorded: boolean;
  /** finish_conformance: the recorded result passed (→ document review; failed → returned for 对标改造) */
  conformancePassed: boolean;
  /** to_onsite / to_rating: the document review is consolidated (文审结果汇总) */
  documentReviewDone: boolean;
  /** finish_onsite: the on-site inspection's result is recorded */
  onsiteResultRecorded: boolean;
  /** publish: the level awarded is 五级乙等 or above — rated and published by the national body */
  nationalLevel: boolean;
  /** resolve_objection: the objection was upheld → back to rating; otherwise back to publicity */
  objectionUpheld?: boolean;
  /** rate: how the level derived from the consensus scores (deriveLevel, before deciding) compares with the
   * target — see levelOutcome; absent counts as 'target' */
  levelOutcome?: LevelOutcomeKind;
  /** rate: the scheme lets a lower level be awarded when the target is missed (absent: true) */
  allowLowerLevel?: boolean;
  /** rate with levelOutcome 'lower': the coordinator's explicit decision */
  lowerLevelDecision?: LowerLevelDecision;
  /** rate: the level derived from the consensus scores (before deciding); 五级乙等 and above go to the national body */
  derivedLevel?: Level | null;
}

/** target: the target level was reached; lower: only a lower level; none: no level at all. */
export type LevelOutcomeKind = 'target' | 'lower' | 'none';

export function levelOutcome(derived: Level | null, target: Level): LevelOutcomeKind {
  if (derived === null) return 'none';
  return levelRank(derived) >= levelRank(target) ? 'target' : 'lower';
}

export type Effect =
  | 'snapshot_version'
  | 'clear_return_reasons'
  | 'record_return_reasons'
  | 'derive_level'
  | 'start_publicity'
  | 'record_objection'
  | 'resolve_objection'
  | 'clear_conformance'
  | 'record_conformance_return'
  | 'record_rejection';

/** Every effect, for the server's check that each has a registered handler. */
export const EFFECTS: readonly Effect[] = [
  'snapshot_version',
  'clear_return_reasons',
  'record_return_reasons',
  'derive_level',
  'start_publicity',
  'record_objection',
  'resolve_objection',
  'clear_conformance',
  'record_conformance_return',
  'record_rejection',
];

export interface TransitionDef {
  from: ApplicationState[];
  action: ApplicationAction;
  to: ApplicationState | ((ctx: TransitionContext) => ApplicationState);
  /** every state `to` can yield when it is a function (used for drawing and for checks) */
  targets?: ApplicationState[];
  roles: Role[];
  /** owner: the caller's own organisation; jurisdiction: the caller's jurisdiction (admin: everywhere);
   * any-in-scope: own organisation or in jurisdiction (admin: everywhere) */
  who: 'owner' | 'jurisdiction' | 'any-in-scope';
  /** a guard that refuses with 422 (an incomplete submission); checked before `guard` */
  completeness?: (ctx: TransitionContext) => Refusal | null;
  /** refuses with 409 and the returned reason */
  guard?: (ctx: TransitionContext) => Refusal | null;
  /** refuses the caller's own organisation with 403 and this reason (checked with the scope) */
  notOwnReason?: AssessmentMessageCode;
  /** refuses with 403 and the returned reason: a role the transition lists that may not take it for this
   * application (checked after the state, before the guards) */
  authority?: (ctx: TransitionContext) => Refusal | null;
  effects: Effect[];
}

/** Why a guard refuses: a code of ASSESSMENT_MESSAGES and its params. */
export interface Refusal {
  code: AssessmentMessageCode;
  params: MessageParams;
}

export type Decision =
  | { ok: true; to: ApplicationState; effects: Effect[] }
  | {
      ok: false;
      status: 403 | 409 | 422;
      /** the reason's code (ASSESSMENT_MESSAGES) and params: what the api answers and the web translates */
      code: AssessmentMessageCode;
      params: MessageParams;
      /** the reason in Chinese (rendered from the code), for code that reads it */
      reason: string;
    };

const refusal = (code: AssessmentMessageCode, params: MessageParams = {}): Refusal => ({ code, params });

/** A refusal's text in `lang` (Chinese by default). */
export function refusalText(r: Refusal, lang: 'zh' | 'en' = 'zh'): string {
  return renderMessage(ASSESSMENT_CATALOGUE, r.code, r.params, lang) ?? r.code;
}

const refuse = (status: 403 | 409 | 422, r: Refusal): Decision => ({
  ok: false,
  status,
  code: r.code,
  params: r.params,
  reason: refusalText(r),
});

export type Stage = 1 | 2 | 3 | 4 | 0;

const COORD: Role[] = ['coordinator', 'admin'];
/** the 国家级管理机构 (五级乙等 and above, spot checks) */
const NATIONAL: Role[] = ['national'];

// counted in items (indicators), as the self-assessment page counts them — not in missing things
const incomplete = (ctx: TransitionContext): Refusal | null =>
  ctx.missing.length > 0 ? refusal('application.incomplete', { n: incompleteItemCount(ctx.missing) }) : null;

/** A level is awarded (the target, or a lower one the coordinator awards): publicity — or, for 五级乙等 and above,
 * referred to the national body, which rates those levels (上报) and confirms or rejects. */
const rateTarget = (ctx: TransitionContext): ApplicationState => {
  const outcome = ctx.levelOutcome ?? 'target';
  if (outcome === 'none') return 'not_passed';
  if (outcome === 'lower' && ctx.lowerLevelDecision !== 'award_lower') return 'not_passed';
  return isNationalLevel(ctx.derivedLevel) ? 'referred' : 'publicity';
};
const rateGuard = (ctx: TransitionContext): Refusal | null => {
  if (!ctx.allScoresEntered) return refusal('application.scores_missing');
  if (ctx.levelOutcome !== 'lower') return null;
  if (!ctx.lowerLevelDecision) return refusal('application.lower_level_decision_required');
  if (ctx.lowerLevelDecision === 'award_lower' && ctx.allowLowerLevel === false)
    return refusal('application.lower_level_not_allowed');
  return null;
};
const notLate = (ctx: TransitionContext): Refusal | null =>
  ctx.dueDatePassed ? refusal('application.past_due') : null;
const reasonGiven = (ctx: TransitionContext): Refusal | null =>
  ctx.hasReason ? null : refusal('application.reason_required');
/** 通过标准符合性测试和专家文审，方可开展现场查验: the routing by level first, then the consolidated review */
const reviewDone = (ctx: TransitionContext): Refusal | null =>
  ctx.documentReviewDone ? null : refusal('application.document_review_pending');

/** The transitions table (the 2020 process: 申请 → 标准符合性测试 → 专家文审 → 现场查验 → 等级评定 → 上报 → 公示 → 发布,
 * with 飞行检查). `rate`: the server derives the level before deciding (ctx.levelOutcome, ctx.derivedLevel); the
 * target reached → publicity, no level → not_passed, a lower level → the coordinator's decision (award it, when the
 * scheme allows, → publicity; or → not_passed); an awarded 五级乙等 or above → referred, for the national body to
 * confirm (→ publicity) or reject (→ not_passed). Effect derive_level stores the level; start_publicity runs only
 * when the result is publicity. */
export const TRANSITIONS: TransitionDef[] = [
  {
    from: ['draft'],
    action: 'submit',
    to: 'submitted',
    roles: ['applicant'],
    who: 'owner',
    completeness: incomplete,
    guard: notLate,
    effects: ['snapshot_version'],
  },
  {
    from: ['returned'],
    action: 'resubmit',
    to: 'submitted',
    roles: ['applicant'],
    who: 'owner',
    completeness: incomplete,
    guard: notLate,
    effects: ['snapshot_version', 'clear_return_reasons'],
  },
  {
    from: ['draft', 'submitted', 'returned'],
    action: 'withdraw',
    to: 'withdrawn',
    roles: ['applicant'],
    who: 'owner',
    effects: [],
  },
  {
    // the way back from a withdrawal: the coordinator re-opens it as a draft (answers and history kept)
    from: ['withdrawn'],
    action: 'reopen',
    to: 'draft',
    roles: COORD,
    who: 'jurisdiction',
    effects: [],
  },
  {
    from: ['submitted'],
    action: 'start_check',
    to: 'completeness_check',
    roles: COORD,
    who: 'jurisdiction',
    effects: [],
  },
  {
    // accepted: the standard conformance test (标准符合性测试), each round with a fresh result
    from: ['completeness_check'],
    action: 'accept',
    to: 'conformance_testing',
    roles: COORD,
    who: 'jurisdiction',
    effects: ['clear_conformance'],
  },
  {
    // passed → the expert document review; failed → back to the applicant for 对标改造 and a resubmission
    from: ['conformance_testing'],
    action: 'finish_conformance',
    to: (ctx) => (ctx.conformancePassed ? 'document_review' : 'returned'),
    targets: ['document_review', 'returned'],
    roles: COORD,
    who: 'jurisdiction',
    guard: (ctx) => (ctx.conformanceRecorded ? null : refusal('application.conformance_missing')),
    effects: ['record_conformance_return'],
  },
  {
    from: ['completeness_check'],
    action: 'return',
    to: 'returned',
    roles: COORD,
    who: 'jurisdiction',
    guard: (ctx) => (ctx.hasReturnReasons ? null : refusal('application.return_reasons_required')),
    effects: ['record_return_reasons'],
  },
  {
    from: ['document_review'],
    action: 'to_onsite',
    to: 'onsite',
    roles: COORD,
    who: 'jurisdiction',
    guard: (ctx) => (ctx.onsiteRequired ? null : refusal('application.onsite_not_required')) ?? reviewDone(ctx),
    effects: [],
  },
  {
    from: ['document_review'],
    action: 'to_rating',
    to: 'rating',
    roles: COORD,
    who: 'jurisdiction',
    guard: (ctx) => (ctx.onsiteRequired ? refusal('application.onsite_required') : null) ?? reviewDone(ctx),
    effects: [],
  },
  {
    // a failed inspection is recorded and shown; the rating still derives the level from the consensus scores
    from: ['onsite'],
    action: 'finish_onsite',
    to: 'rating',
    roles: COORD,
    who: 'jurisdiction',
    guard: (ctx) => (ctx.onsiteResultRecorded ? null : refusal('application.onsite_result_missing')),
    effects: [],
  },
  {
    from: ['rating'],
    action: 'rate',
    to: rateTarget,
    targets: ['publicity', 'referred', 'not_passed'],
    roles: COORD,
    who: 'jurisdiction',
    guard: rateGuard,
    effects: ['derive_level', 'start_publicity'],
  },
  {
    // 五级乙等 and above: the national body confirms the rating (the level stays) → publicity
    from: ['referred'],
    action: 'national_confirm',
    to: 'publicity',
    roles: NATIONAL,
    who: 'jurisdiction',
    effects: ['start_publicity'],
  },
  {
    // … or does not: no level, the reason appended to the explanation
    from: ['referred'],
    action: 'national_reject',
    to: 'not_passed',
    roles: NATIONAL,
    who: 'jurisdiction',
    guard: reasonGiven,
    effects: ['record_rejection'],
  },
  {
    from: ['publicity'],
    action: 'file_objection',
    to: 'objection',
    roles: ['applicant', 'coordinator', 'admin'],
    who: 'any-in-scope',
    notOwnReason: 'objection.own_application',
    guard: (ctx) => (ctx.publicityOver ? refusal('objection.publicity_over') : null),
    effects: ['record_objection'],
  },
  {
    from: ['objection'],
    action: 'resolve_objection',
    to: (ctx) => (ctx.objectionUpheld ? 'rating' : 'publicity'),
    targets: ['publicity', 'rating'],
    roles: COORD,
    who: 'jurisdiction',
    effects: ['resolve_objection'],
  },
  {
    // 五级乙等 and above are published by the national body only
    from: ['publicity'],
    action: 'publish',
    to: 'published',
    roles: [...COORD, ...NATIONAL],
    who: 'jurisdiction',
    authority: (ctx) =>
      ctx.nationalLevel && ctx.role !== 'national' ? refusal('application.publish_national_only') : null,
    guard: (ctx) =>
      !ctx.publicityOver
        ? refusal('application.publicity_not_over')
        : ctx.openObjections > 0
          ? refusal('application.open_objections', { n: ctx.openObjections })
          : null,
    effects: [],
  },
  {
    // a failed spot check (飞行检查) cancels the level: 不通过的申请机构取消评定资格
    from: ['published'],
    action: 'revoke',
    to: 'not_passed',
    roles: NATIONAL,
    who: 'jurisdiction',
    guard: reasonGiven,
    effects: ['record_rejection'],
  },
];

/** Every state a transition can lead to. */
export function targetsOf(def: TransitionDef): ApplicationState[] {
  return typeof def.to === 'function' ? (def.targets ?? []) : [def.to];
}

function inScope(def: TransitionDef, ctx: TransitionContext): boolean {
  if (def.who === 'owner') return ctx.ownOrganisation;
  if (nationwide(ctx.role)) return true;
  if (def.who === 'jurisdiction') return ctx.inJurisdiction;
  return ctx.ownOrganisation || ctx.inJurisdiction;
}

const SCOPE_REASON: Record<TransitionDef['who'], AssessmentMessageCode> = {
  owner: 'application.only_own',
  jurisdiction: 'application.out_of_jurisdiction',
  'any-in-scope': 'application.out_of_scope',
};

/** Decides whether `action` may be taken from `state` by the caller described in `ctx`. */
export function decide(state: ApplicationState, action: ApplicationAction, ctx: TransitionContext): Decision {
  const defs = TRANSITIONS.filter((t) => t.action === action);
  const forRole = defs.filter((t) => t.roles.includes(ctx.role));
  if (forRole.length === 0) return refuse(403, refusal('application.role_not_allowed', { action }));
  const first = forRole[0] as TransitionDef;
  if (!inScope(first, ctx)) return refuse(403, refusal(SCOPE_REASON[first.who]));
  if (first.notOwnReason && ctx.ownOrganisation) return refuse(403, refusal(first.notOwnReason));
  const def = forRole.find((t) => t.from.includes(state));
  if (!def) return refuse(409, refusal('application.wrong_state', { state, action }));
  const notAuthorised = def.authority?.(ctx) ?? null;
  if (notAuthorised) return refuse(403, notAuthorised);
  const incompleteReason = def.completeness?.(ctx) ?? null;
  if (incompleteReason) return refuse(422, incompleteReason);
  const blocked = def.guard?.(ctx) ?? null;
  if (blocked) return refuse(409, blocked);
  const to = typeof def.to === 'function' ? def.to(ctx) : def.to;
  return { ok: true, to, effects: [...def.effects] };
}

/** One action the caller's role could take: allowed now, or blocked with the reason (code, params, Chinese text). */
export interface AvailableAction {
  action: ApplicationAction;
  allowed: boolean;
  reason: string | null;
  code?: AssessmentMessageCode;
  params?: MessageParams;
}

/** The actions the caller's role could ever take from `state`, each with whether it is allowed now and why not. */
export function availableActions(state: ApplicationState, ctx: TransitionContext): AvailableAction[] {
  const out: AvailableAction[] = [];
  for (const action of APPLICATION_ACTIONS) {
    const possible = TRANSITIONS.some(
      (t) => t.action === action && t.from.includes(state) && t.roles.includes(ctx.role),
    );
    if (!possible) continue;
    const d = decide(state, action, ctx);
    out.push(
      d.ok
        ? { action, allowed: true, reason: null }
        : { action, allowed: false, reason: d.reason, code: d.code, params: d.params },
    );
  }
  return out;
}

/** The four published stages: 1 self-assessment, 2 conformance test and document review, 3 on-site, 4 rating
 * (with the national body's confirmation), publicity and results; 0 withdrawn. */
export function stageOf(state: ApplicationState): Stage {
  switch (state) {
    case 'draft':
    case 'submitted':
    case 'completeness_check':
    case 'returned':
      return 1;
    case 'conformance_testing':
    case 'document_review':
      return 2;
    case 'onsite':
      return 3;
    case 'rating':
    case 'referred':
    case 'publicity':
    case 'objection':
    case 'published':
    case 'not_passed':
      return 4;
    case 'withdrawn':
      return 0;
  }
}

export const STAGE_LABELS_ZH: Record<Stage, string> = {
  1: '申请与自评估',
  2: '文件审查',
  3: '现场查验',
  4: '综合等级评定与公示',
  0: '已撤回',
};

export interface StageGraph {
  nodes: { state: ApplicationState; stage: Stage; label: string }[];
  edges: { from: ApplicationState; to: ApplicationState; action: ApplicationAction }[];
}

/** The machine as a graph for drawing (labels in Chinese). */
export const STAGE_GRAPH: StageGraph = {
  nodes: APPLICATION_STATES.map((state) => ({ state, stage: stageOf(state), label: STATE_LABELS_ZH[state] })),
  edges: TRANSITIONS.flatMap((t) =>
    t.from.flatMap((from) => targetsOf(t).map((to) => ({ from, to, action: t.action }))),
  ),
};
