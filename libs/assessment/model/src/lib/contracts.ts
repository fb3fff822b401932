/**
 * The assessment (测评): schemes, cycles, applications, stage machine states and actions.
 * See DESIGN.md §2. Shared by the api, the worker and the web.
 */
import type { OrgKind } from '@hutong/platform-model';
import type { OrgRef } from '@hutong/platform-model';

/** Levels, lowest first: 一级 … 五级甲等. */
export const LEVELS = ['1', '2', '3', '4B', '4A', '5B', '5A'] as const;
export type Level = (typeof LEVELS)[number];

export const SCHEME_KINDS = ['hospital', 'region'] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

export const ASSESS_METHODS = ['document', 'quantitative', 'onsite'] as const;
export type AssessMethod = (typeof ASSESS_METHODS)[number];

/**
 * How a leaf is scored (the kinds of the 2020 schemes, 评分说明):
 * - binary: all or nothing — "有且完全符合国家标准" scores the points, anything else 0 (选测 items: "无此业务" too);
 * - tiered: the points of the level whose requirement is met (pointsByLevel; a level not listed earns the value of
 *   the nearest listed level below it, 0 below the first); with minCountByLevel the answer may be a count of
 *   options ("选4项得3分"), with `proportional` a measured share (0.1 × 比例);
 * - count: perItem per checked option, at most maxPoints ("选择1项得0.1分，最高得1分");
 * - info: statistics only (统计指标), 0 points, never required;
 * - scale: a free score from 0 to the points (schemes written before the 2020 kinds).
 */
export const SCORING_KINDS = ['binary', 'tiered', 'count', 'info', 'scale'] as const;
export type ScoringKind = (typeof SCORING_KINDS)[number];

/** The answer options of a binary indicator as the documents print them. */
export const BINARY_OPTIONS = ['no_data', 'full', 'partial', 'no_business'] as const;
export type BinaryOption = (typeof BINARY_OPTIONS)[number];

/** An answer within the leaf's scoring kind: the score is derived from it (scoreOf), never typed. */
export interface AnswerChoice {
  /** binary */
  option?: BinaryOption;
  /** tiered: the highest level whose requirement is met (null: none) */
  level?: Level | null;
  /** count, and tiered with minCountByLevel: how many options are met */
  count?: number;
  /** tiered with `proportional`: the measured share, 0..1 */
  share?: number;
}

/** One node of the indicator tree: category (depth 1) → part (2) → indicator (3). Leaves are answered. */
export interface IndicatorNode {
  code: string; // e.g. "2", "2.1", "2.1.1.1", "3.2.16~3.2.17", "5.2.2.1-3"
  title: string;
  /** maximum points of this node (leaves); categories and parts equal the sum of their children */
  points: number;
  /** leaves: the level tag (等级要求) — the lowest level that requires or scores the item; null for statistics */
  minLevel: Level | null;
  /** leaves: must pass for every level at or above minLevel */
  mandatory: boolean;
  /** leaves: score at or above which the item counts as passed */
  passScore: number;
  /** leaves: evidence files required with the self-assessment */
  evidenceRequired: boolean;
  method: AssessMethod;
  children: IndicatorNode[];
  /** leaves: how the item is scored (absent: 'scale') */
  scoring?: ScoringKind;
  /** 选测: "无此业务" scores as well */
  optional?: boolean;
  /** tiered: points per level, only the levels the document lists */
  pointsByLevel?: Partial<Record<Level, number>>;
  /** tiered/count: the number of options each level requires */
  minCountByLevel?: Partial<Record<Level, number>>;
  /** the requirement text (等级要求) per level */
  requirementByLevel?: Partial<Record<Level, string>>;
  /** tiered: answered with a measured share, scored at the level thresholds pointsByLevel / points (0.1 × 比例) */
  proportional?: boolean;
  /** count: points per option and the cap */
  perItem?: number;
  maxPoints?: number;
  /** the option texts the rule refers to ("第N项"), or the member items of a merged scoring unit */
  options?: string[];
  /** 评分说明 as printed */
  rule?: string | null;
  /** remarks (e.g. how a misprint in the document was resolved), the PDF page */
  note?: string;
  page?: number;
}

export interface LevelRule {
  level: Level;
  /** on-site inspection needed for this level */
  onsiteRequired: boolean;
  /**
   * 表8-2: per part (or category) code, the minimum score (points) the node's leaves must reach for this level;
   * null or absent = no requirement ("—"). A level is reached when every listed node meets its minimum.
   */
  minimums: Record<string, number | null>;
}

export interface SchemeView {
  id: string;
  key: string; // "hospital-2020"
  version: number;
  kind: SchemeKind;
  name: string;
  tree: IndicatorNode[];
  levelRules: LevelRule[];
  /** a missed target level may be rated as the lower level reached (the coordinator decides); false: not passed */
  allowLowerLevel: boolean;
  inUse: boolean;
  createdAt: string;
}

export interface SchemeSummary {
  id: string;
  key: string;
  version: number;
  kind: SchemeKind;
  name: string;
  allowLowerLevel: boolean;
  inUse: boolean;
  latest: boolean;
  createdAt: string;
}

export interface UpdateSchemeRequest {
  name?: string;
  allowLowerLevel?: boolean;
  tree: IndicatorNode[];
  levelRules: LevelRule[];
}

// ---- cycles ----
export const STAGE_WINDOWS = ['application', 'documentReview', 'onsite', 'results'] as const;
export type StageWindowKey = (typeof STAGE_WINDOWS)[number];

/** Dates are Asia/Shanghai calendar dates (yyyy-MM-dd); a window ends at 23:59:59 of its last day. */
export interface StageWindow {
  key: StageWindowKey;
  start: string;
  end: string;
}

/** open → closed (no new applications) → archived (hidden from the default lists). */
export const CYCLE_STATUSES = ['open', 'closed', 'archived'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export interface CycleView {
  id: string;
  status: CycleStatus;
  name: string; // e.g. "2026年度第一批"
  year: number;
  batch: number;
  jurisdiction: OrgRef;
  schemeIds: string[];
  eligibleKinds: OrgKind[];
  windows: StageWindow[];
  publicityDays: number;
  createdAt: string;
  counts: Partial<Record<ApplicationState, number>>;
}

export interface CreateCycleRequest {
  name: string;
  year: number;
  batch: number;
  jurisdictionId: string;
  schemeIds: string[];
  eligibleKinds: OrgKind[];
  windows: StageWindow[];
  publicityDays?: number;
}

/** Editing a cycle: its name, stage windows and publicity days (jurisdiction, year and batch stay). */
export interface UpdateCycleRequest {
  name?: string;
  windows?: StageWindow[];
  publicityDays?: number;
}

// ---- applications and the stage machine ----
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'completeness_check',
  'returned',
  'conformance_testing',
  'document_review',
  'onsite',
  'rating',
  'referred',
  'publicity',
  'objection',
  'published',
  'not_passed',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** The states in which the applicant may change its self-assessment (answers, evidence). */
export const SELF_ASSESSMENT_EDITABLE_STATES: readonly ApplicationState[] = ['draft', 'returned'];

export function isSelfAssessmentEditable(state: ApplicationState): boolean {
  return SELF_ASSESSMENT_EDITABLE_STATES.includes(state);
}

export const APPLICATION_ACTIONS = [
  'submit',
  'start_check',
  'accept',
  'return',
  'resubmit',
  'finish_conformance',
  'to_onsite',
  'to_rating',
  'finish_onsite',
  'rate',
  'national_confirm',
  'national_reject',
  'file_objection',
  'resolve_objection',
  'publish',
  'revoke',
  'withdraw',
  'reopen',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export interface Answer {
  itemCode: string;
  /** derived from `choice` for every scoring kind but 'scale' */
  selfScore: number | null;
  statement: string;
  choice?: AnswerChoice | null;
}

export interface EvidenceView {
  id: string;
  itemCode: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** One thing the applicant must still do before submitting. */
export interface MissingItem {
  itemCode: string;
  title: string;
  what: 'selfScore' | 'statement' | 'evidence';
}

/** A coordinator's reason for returning one item. */
export interface ReturnReason {
  /** the item returned; '' for a return of the whole application (a failed conformance test) */
  itemCode: string;
  /** the reason as written (a reason the system wrote: in Chinese, rendered from `code`) */
  reason: string;
  /** a reason the system wrote: its code (ASSESSMENT_MESSAGES) and params, which the web translates */
  code?: string;
  params?: Record<string, string | number>;
}

// ---- facts the review records on an application (标准符合性测试, 专家文审, 现场查验, 飞行检查) ----

/** The longest texts the facts take: a note (conformance, spot check) or a rectification, an opinion, and the
 * reason of the national body's rejection or revocation (the reason dialog's limit). */
export const FACT_NOTE_MAX = 2000;
export const OPINION_MAX = 5000;
export const DECISION_REASON_MAX = 500;

/** The result of the standard conformance test (标准符合性测试, 定量测试). */
export interface ConformanceResult {
  passed: boolean;
  /** the test items (用例) tested, and how many of them failed */
  items: number;
  failedItems: number;
  note: string | null;
  recordedAt: string;
}

export interface RecordConformanceRequest {
  passed: boolean;
  items: number;
  failedItems: number;
  note?: string;
}

/** The stages whose expert panel records consensus scores and an opinion (评审意见). */
export const REVIEW_STAGES = ['document_review', 'onsite'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export interface ReviewOpinion {
  opinion: string;
  at: string;
}

/** The panel's opinion per stage. */
export type ReviewOpinions = Partial<Record<ReviewStage, ReviewOpinion>>;

export interface RecordConsensusRequest {
  stage: ReviewStage;
  scores: Record<string, number>;
  opinion: string;
}

/** The document review consolidated (文审结果汇总): the consensus scores of the document review and the opinion. */
export interface DocumentReviewRequest {
  scores: Record<string, number>;
  opinion: string;
}

/** The result of the on-site inspection (现场查验结果汇总). */
export interface OnsiteResult {
  passed: boolean;
  /** problems found on site */
  findings: number;
  /** what the applicant must rectify, if anything */
  rectification: string | null;
  recordedAt: string;
}

export interface RecordOnsiteRequest {
  passed: boolean;
  findings: number;
  rectification: string | null;
}

/** A spot check (飞行检查, 抽查) of a published result by the national body. */
export interface SpotCheck {
  /** Asia/Shanghai date of the check (yyyy-MM-dd) */
  date: string;
  passed: boolean;
  note: string;
  recordedAt: string;
  recordedBy: string;
}

export interface SpotCheckRequest {
  date: string;
  passed: boolean;
  note: string;
}

export interface ApplicationSummary {
  id: string;
  cycleId: string;
  organisation: OrgRef;
  regionPath: string[]; // names from province down
  orgKind: OrgKind;
  schemeKey: string;
  /** the scheme's name and version, to show instead of its key */
  schemeName: string;
  schemeVersion: number;
  targetLevel: Level;
  state: ApplicationState;
  achievedLevel: Level | null;
  /** Asia/Shanghai date the current step is due (yyyy-MM-dd), if any */
  dueDate: string | null;
  late: boolean;
  version: number;
  updatedAt: string;
}

export interface ApplicationView extends ApplicationSummary {
  schemeId: string;
  /** the leaves required up to the target level, with their path titles */
  answers: Answer[];
  evidence: EvidenceView[];
  returnReasons: ReturnReason[];
  returnDeadline: string | null;
  consensusScores: Record<string, number>;
  resultExplanation: string[] | null;
  publicityEndsAt: string | null;
  /** the standard conformance test's result (null until recorded) */
  conformance: ConformanceResult | null;
  /** the expert panels' opinions per stage */
  reviewOpinions: ReviewOpinions;
  /** when the document review was consolidated (文审结果汇总), null before */
  documentReviewDoneAt: string | null;
  onsiteResult: OnsiteResult | null;
  spotCheck: SpotCheck | null;
  objections: ObjectionView[];
  /** what the caller may do now, with the reason when an action is blocked */
  actions: {
    action: ApplicationAction;
    allowed: boolean;
    /** Chinese */
    reason: string | null;
    /** the reason's code (ASSESSMENT_MESSAGES) and params, which the web translates */
    code?: string;
    params?: Record<string, string | number>;
  }[];
  history: StageEventView[];
}

export interface StageEventView {
  id: string;
  at: string;
  actor: string;
  action: ApplicationAction | 'create' | 'save';
  from: ApplicationState | null;
  to: ApplicationState;
  note: string | null;
}

/** The topic of the stage events the assessment publishes through its outbox (one per transition). */
export const STAGE_EVENT_TOPIC = 'application.stage';

/**
 * The data of an `application.stage` event: which application moved from where to where, by whom,
 * and what the transition recorded (version, return reasons and deadline, derived level, objection).
 * Subscribers (the tasks capability) open and close their work on it.
 */
export interface StageEventData {
  applicationId: string;
  cycleId: string;
  organisationId: string;
  action: ApplicationAction | 'create';
  from: ApplicationState | null;
  to: ApplicationState;
  actor: string;
  note: string | null;
  details: Record<string, unknown>;
}

export interface ApplicationVersionView {
  version: number;
  submittedAt: string;
  submittedBy: string;
  answers: Answer[];
  evidence: EvidenceView[];
}

export interface AnswerChange {
  itemCode: string;
  field: 'choice' | 'selfScore' | 'statement' | 'evidence';
  before: string | number | null;
  after: string | number | null;
}

export interface ObjectionView {
  id: string;
  /** who objected: shown to coordinators (and to the objector itself); null for everyone else, the objected-to
   * applicant included — objectors stay confidential */
  filedBy: OrgRef | null;
  /** filed by the caller's organisation */
  mine: boolean;
  filedAt: string;
  reason: string;
  resolution: string | null;
  resolvedAt: string | null;
  upheld: boolean | null;
}

export interface CreateApplicationRequest {
  cycleId: string;
  organisationId: string;
  schemeId: string;
  targetLevel: Level;
}

export interface SaveAnswersRequest {
  answers: Answer[];
}

export interface TransitionRequest {
  action: ApplicationAction;
  note?: string;
  /** return: per item reasons and the new deadline (yyyy-MM-dd, Asia/Shanghai); finish_conformance of a failed
   * test: an optional deadline for the rectification and resubmission */
  returnReasons?: ReturnReason[];
  returnDeadline?: string;
  /** file_objection; national_reject and revoke: why (required) */
  reason?: string;
  /** resolve_objection */
  objectionId?: string;
  upheld?: boolean;
  /** rate, when the target level was missed but a lower one reached: award the lower level, or not passed */
  lowerLevelDecision?: LowerLevelDecision;
}

export const LOWER_LEVEL_DECISIONS = ['award_lower', 'not_passed'] as const;
export type LowerLevelDecision = (typeof LOWER_LEVEL_DECISIONS)[number];

export interface BulkTransitionRequest {
  applicationIds: string[];
  action: ApplicationAction;
  note?: string;
}

export interface BulkTransitionResult {
  done: string[];
  /** why each refused one was refused: the reason in Chinese, and its code + params for the web to translate */
  refused: { id: string; reason: string; code?: string; params?: Record<string, string | number> }[];
}

export interface ConsensusScoresRequest {
  scores: Record<string, number>;
}

/** A result under publicity (公示) or published, as the public list shows it. */
export interface PublicityEntry {
  applicationId: string;
  cycleId: string;
  cycleName: string;
  organisation: OrgRef;
  regionPath: string[];
  targetLevel: Level;
  achievedLevel: Level | null;
  state: ApplicationState;
  publicityEndsAt: string | null;
  /** the caller may file an objection now */
  canObject: boolean;
  /** the objections the caller's organisation filed against this result, with their handling */
  myObjections: MyObjection[];
}

export interface MyObjection {
  id: string;
  filedAt: string;
  reason: string;
  resolution: string | null;
  resolvedAt: string | null;
  upheld: boolean | null;
}
