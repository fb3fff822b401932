/**
 * The expert-review capability's contracts: experts and their pools, the applicants a panel reviews, conflicts of
 * interest, the automatic assignment, score consensus, the session agenda and standard-conformance results.
 * Framework-free: the api, the worker and the web all read them.
 */

// ---- experts and applicants ----

/** The review specialties (数据集 / 共享文档 / 交互服务 / 基础设施与安全 / 应用效果). */
export const SPECIALTIES = ['datasets', 'documents', 'services', 'infrastructure', 'effect'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

/** The two expert pools of process 2.6: 定量测试 (standard-conformance testing) and 定性评价 (document review, on site). */
export const EXPERT_POOLS = ['quantitative', 'qualitative'] as const;
export type ExpertPool = (typeof EXPERT_POOLS)[number];

/** An inclusive range of Asia/Shanghai calendar dates, both yyyy-MM-dd. */
export interface DateRange {
  from: string;
  to: string;
}

export interface ExpertProfile {
  id: string;
  userId: string;
  name: string;
  affiliationOrgId: string;
  /** organisation ids from the root down to and including the affiliation */
  affiliationPath: string[];
  cityId: string | null;
  pools: ExpertPool[];
  specialties: Specialty[];
  /** 承建单位 (vendors) the expert works or has worked for, by name */
  vendorTies: string[];
  /** organisations the expert has consulted for */
  consultedOrgIds: string[];
  /** dates (inclusive ranges) on which the expert cannot sit */
  unavailable: DateRange[];
  active: boolean;
}

export interface ApplicantForReview {
  applicationId: string;
  organisationId: string;
  /** organisation ids from the root down to and including the applicant */
  organisationPath: string[];
  cityId: string | null;
  /** 承建单位 of the applicant's platform, by name */
  vendors: string[];
  /** the specialties its panel must cover together */
  neededSpecialties: Specialty[];
}

/** The jurisdiction a cycle runs in: a same-city conflict only counts in a city's own cycle. */
export const CYCLE_SCOPES = ['nation', 'province', 'city'] as const;
export type CycleScope = (typeof CYCLE_SCOPES)[number];

/** A conflict an expert (or the coordinator for them) declared for one application. */
export interface DeclaredConflict {
  expertId: string;
  applicationId: string;
  reason: string;
}

export const CONFLICT_KINDS = [
  'same_organisation',
  'same_parent',
  'same_city',
  'vendor',
  'consulting',
  'declared',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * One conflict of interest. `detail` is the fact it rests on, as data: the organisation id (same_organisation: the
 * one that is or contains the other; same_parent: the shared parent; consulting: the applicant), the city id, the
 * applicant's vendor as the applicant wrote it, or the declared reason.
 */
export interface Conflict {
  kind: ConflictKind;
  detail: string;
}

// ---- eligibility ----

/** Why an expert may not sit on an application's panel (coded; `describeReason` renders it). */
export type Reason =
  | { code: 'conflict'; conflict: Conflict }
  | { code: 'inactive' }
  | { code: 'wrong_pool'; pool: ExpertPool }
  | { code: 'unavailable'; from: string; to: string }
  | { code: 'at_capacity'; load: number; max: number };
export type ReasonCode = Reason['code'];

export interface EligibilityContext {
  scope: CycleScope;
  declared: DeclaredConflict[];
  /** the session's Asia/Shanghai date (yyyy-MM-dd); without it availability is not checked */
  sessionDate?: string;
  /** the pool the panel is drawn from */
  pool: ExpertPool;
  /** applications the expert is already assigned to */
  load: number;
  /** the most applications one expert takes; no limit when absent */
  maxLoad?: number;
}

export interface Eligibility {
  eligible: boolean;
  /** empty exactly when eligible */
  reasons: Reason[];
}

// ---- assignment ----

export interface Assignment {
  expertId: string;
  applicationId: string;
}

export interface AutoAssignInput {
  experts: ExpertProfile[];
  applicants: ApplicantForReview[];
  /** experts each application needs at least (a whole number 0–100) */
  minPerApplication: number;
  /** applications one expert takes at most, existing ones included (a whole number ≥ 1); no limit when absent */
  maxPerExpert?: number;
  /** assignments already made: kept, and counted toward load, panel size and coverage */
  existing?: Assignment[];
  scope: CycleScope;
  declared: DeclaredConflict[];
  sessionDate?: string;
  pool: ExpertPool;
}

/** The code of a shortfall's main cause (a `REVIEW_MESSAGES` code). */
export type ShortfallReason =
  | 'review.shortfall_no_eligible'
  | 'review.shortfall_too_few_eligible'
  | 'review.shortfall_at_capacity'
  | 'review.shortfall_specialty_uncovered';

export interface Shortfall {
  applicationId: string;
  /** experts still missing to reach `minPerApplication` (0 when only specialties are uncovered) */
  missing: number;
  /** needed specialties no panel member has */
  uncoveredSpecialties: Specialty[];
  /** the main cause, a message code */
  reason: ShortfallReason;
  /** the message's params: eligible (experts eligible for it, capacity aside), min */
  params: { eligible: number; min: number };
}

/** An existing assignment whose expert the rules would not choose now (kept as it is: the coordinator decides). */
export interface ExistingProblem extends Assignment {
  reasons: Reason[];
}

export interface AutoAssignResult {
  /** the new assignments, to add to the existing ones (which are kept and never repeated here) */
  assignments: Assignment[];
  /** applications left below `minPerApplication` or with needed specialties uncovered */
  shortfalls: Shortfall[];
  /** existing assignments that break the conflict, activity, pool or availability rules */
  existingProblems: ExistingProblem[];
}

// ---- consensus ----

export interface Consensus {
  /** null without scores */
  median: number | null;
  /** max − min; null without scores */
  spread: number | null;
  min: number | null;
  max: number | null;
  n: number;
  /** the experts disagree: spread > divergenceShare × points (never for an item of 0 points) */
  divergent: boolean;
}

export interface ConsensusOptions {
  /** the share of the item's points beyond which a spread is divergent (0–1, default 0.5) */
  divergenceShare?: number;
}

// ---- the session agenda (文审会) ----

export interface AgendaInput {
  /** the session's Asia/Shanghai date, yyyy-MM-dd */
  date: string;
  /** the first presentation starts at, HH:mm */
  start: string;
  /** minutes of each applicant's presentation (汇报) and of the questions (质询) after it */
  slotMinutes: { present: number; questions: number };
  /** a break after every this many applicants (never after the last) */
  breakAfter?: number;
  /** the break's minutes (required with breakAfter) */
  breakMinutes?: number;
  applicants: { applicationId: string; name: string }[];
}

export interface AgendaSlot {
  applicationId: string;
  name: string;
  start: string;
  presentEnd: string;
  end: string;
}

export interface Agenda {
  date: string;
  slots: AgendaSlot[];
  breaks: { start: string; end: string }[];
  /** when the last slot ends (the start when there is no applicant); 24:00 at the latest */
  ends: string;
}

// ---- standard-conformance testing (标准符合性测试) ----

export const CONFORMANCE_CATEGORIES = ['dataset', 'document', 'service'] as const;
export type ConformanceCategory = (typeof CONFORMANCE_CATEGORIES)[number];

export const CONFORMANCE_RESULTS = ['pass', 'fail'] as const;
export type ConformanceResult = (typeof CONFORMANCE_RESULTS)[number];

/** One tested item of a conformance report (a data set, a shared document or an interaction service). */
export interface ConformanceRow {
  category: ConformanceCategory;
  code: string;
  name: string;
  /** e.g. 'WS 445', 'WS/T 500'; '' when the report does not say */
  standard: string;
  tested: number;
  passed: number;
  failed: number;
  result: ConformanceResult;
}

/** The columns of a conformance table. */
export const CONFORMANCE_COLUMNS = [
  'category',
  'code',
  'name',
  'standard',
  'tested',
  'passed',
  'failed',
  'result',
] as const;
export type ConformanceColumn = (typeof CONFORMANCE_COLUMNS)[number];

/** The most bytes a conformance file (CSV or XLSX) may have: 2 MB. */
export const CONFORMANCE_FILE_MAX_BYTES = 2 * 1024 * 1024;
/** The most data rows (the header excluded) a conformance file may have. */
export const CONFORMANCE_FILE_MAX_ROWS = 5000;
/** The file types a conformance report is read from, by extension (lower case, with the dot). */
export const CONFORMANCE_FILE_EXTENSIONS = ['.csv', '.xlsx'] as const;

export interface ConformanceRowError {
  /**
   * 1-based row of the table, the header being row 1; 0 for the file as a whole (refused before any row is read:
   * its type, its size, its row count, or a file that cannot be read)
   */
  row: number;
  column?: ConformanceColumn;
  /** a `REVIEW_MESSAGES` code */
  code: string;
  params?: Record<string, string | number>;
}

export interface ConformanceParseResult {
  rows: ConformanceRow[];
  errors: ConformanceRowError[];
}

export interface ConformanceTally {
  items: number;
  passedItems: number;
  failedItems: number;
  /** test cases */
  tested: number;
  passed: number;
  failed: number;
  /** passed ÷ tested test cases (4 decimals); null when nothing was tested */
  passRate: number | null;
  /** passed ÷ all items (4 decimals); null without items */
  itemPassRate: number | null;
}

export interface ConformanceSummary {
  byCategory: Record<ConformanceCategory, ConformanceTally>;
  total: ConformanceTally;
  /** at least one item, and every item passes */
  passed: boolean;
}
