/**
 * What the review api answers and the web reads: experts, sessions, their cases and panels, score sheets, the
 * chair's consolidation, questions (质询) and conformance reports.
 */
import type {
  AnswerChoice,
  ApplicationState,
  IndicatorNode,
  Level,
  Answer,
  EvidenceView,
} from '@hutong/assessment-model';
import type {
  Agenda,
  Consensus,
  DateRange,
  ExpertPool,
  Reason,
  Specialty,
  ConformanceRow,
  ConformanceSummary,
} from './contracts';

export interface ExpertView {
  id: string;
  userId: string;
  username: string;
  name: string;
  title: string;
  affiliation: { id: string; name: string };
  pools: ExpertPool[];
  specialties: Specialty[];
  vendorTies: string[];
  consultedOrgIds: string[];
  unavailable: DateRange[];
  active: boolean;
}

export const REVIEW_SESSION_KINDS = ['document_review', 'onsite'] as const;
export type ReviewSessionKind = (typeof REVIEW_SESSION_KINDS)[number];
export const REVIEW_SESSION_STATUSES = ['planning', 'scoring', 'closed'] as const;
export type ReviewSessionStatus = (typeof REVIEW_SESSION_STATUSES)[number];
export const SESSION_MODES = ['online', 'venue'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];
export type PanelRole = 'chair' | 'member';
export const INVITATION_STATUSES = ['invited', 'accepted', 'declined'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The application state a session of each kind reviews. */
export const SESSION_KIND_STATE: Record<ReviewSessionKind, ApplicationState> = {
  document_review: 'document_review',
  onsite: 'onsite',
};

export interface PanelMemberView {
  expertId: string;
  name: string;
  affiliation: string;
  specialties: Specialty[];
  role: PanelRole;
  status: InvitationStatus;
  declineReason: string | null;
  /** applications assigned in this session */
  load: number;
  /** sheets submitted / assigned */
  submitted: number;
}

export interface CaseAssignmentView {
  assignmentId: string;
  expertId: string;
  name: string;
  source: 'manual' | 'auto';
  /** items scored / items on the sheet */
  scored: number;
  items: number;
  submittedAt: string | null;
}

export interface ReviewCaseView {
  id: string;
  applicationId: string;
  organisationId: string;
  organisationName: string;
  state: ApplicationState | null;
  targetLevel: Level | null;
  vendors: string[];
  neededSpecialties: Specialty[];
  position: number;
  assignments: CaseAssignmentView[];
  consolidatedAt: string | null;
  opinion: string;
  questions: number;
  openQuestions: number;
}

export interface ReviewSessionView {
  id: string;
  cycleId: string;
  cycleName: string;
  kind: ReviewSessionKind;
  title: string;
  date: string;
  endDate: string;
  start: string;
  mode: SessionMode;
  location: string;
  slotPresent: number;
  slotQuestions: number;
  breakAfter: number | null;
  breakMinutes: number | null;
  minPerApplication: number;
  maxPerExpert: number | null;
  scoringDue: string;
  status: ReviewSessionStatus;
  chair: { expertId: string; name: string } | null;
  panel: PanelMemberView[];
  cases: ReviewCaseView[];
  agenda: Agenda | null;
  /** sheets submitted / assigned, over the whole session */
  progress: { submitted: number; assigned: number; consolidated: number; cases: number };
  /** the caller is on the panel: its role and invitation */
  me: { expertId: string; role: PanelRole; status: InvitationStatus } | null;
}

export interface ReviewSessionSummary {
  id: string;
  cycleId: string;
  cycleName: string;
  kind: ReviewSessionKind;
  title: string;
  date: string;
  status: ReviewSessionStatus;
  cases: number;
  panel: number;
  progress: { submitted: number; assigned: number; consolidated: number };
  me: { role: PanelRole; status: InvitationStatus } | null;
}

/** Why each panel member may or may not sit on each case. */
export interface EligibilityMatrix {
  experts: { expertId: string; name: string; status: InvitationStatus }[];
  cases: {
    caseId: string;
    organisationName: string;
    cells: { expertId: string; eligible: boolean; assigned: boolean; reasons: Reason[] }[];
  }[];
}

export interface AutoAssignView {
  applied: boolean;
  assignments: { caseId: string; expertId: string; organisationName: string; expertName: string }[];
  shortfalls: {
    caseId: string;
    organisationName: string;
    missing: number;
    uncoveredSpecialties: Specialty[];
    reason: string;
    params: Record<string, number>;
  }[];
  existingProblems: { caseId: string; expertId: string; reasons: Reason[] }[];
}

/** One indicator of an expert's score sheet. */
export interface SheetEntryView {
  score: number | null;
  choice?: AnswerChoice;
  comment: string;
}

/** My assignment, as the expert's workspace lists it. */
export interface MyAssignment {
  assignmentId: string;
  sessionId: string;
  sessionTitle: string;
  kind: ReviewSessionKind;
  caseId: string;
  /** the application reviewed (what a declared conflict names) */
  applicationId: string;
  organisationName: string;
  targetLevel: Level | null;
  scoringDue: string;
  scored: number;
  items: number;
  submittedAt: string | null;
  chair: boolean;
  sessionStatus: ReviewSessionStatus;
}

export interface QuestionView {
  id: string;
  caseId: string;
  itemCode: string;
  text: string;
  dueDate: string;
  askedBy: string;
  mine: boolean;
  createdAt: string;
  taskId: string | null;
  /** the applicant's answer once its task is submitted */
  answer: { text: string; submittedAt: string; attachments: { id: string; name: string; size: number }[] } | null;
  taskStatus: string | null;
}

/** The scoring screen: the applicant's self-assessment beside my sheet; the others' only after I submitted. */
export interface ScoreSheetView {
  assignmentId: string;
  caseId: string;
  sessionId: string;
  sessionTitle: string;
  kind: ReviewSessionKind;
  sessionStatus: ReviewSessionStatus;
  scoringDue: string;
  organisationName: string;
  targetLevel: Level;
  schemeName: string;
  tree: IndicatorNode[];
  /** the leaf codes this sheet scores (up to the target level, statistics-only items left out) */
  items: string[];
  answers: Answer[];
  evidence: EvidenceView[];
  entries: Record<string, SheetEntryView>;
  version: number;
  submittedAt: string | null;
  reopenReason: string | null;
  chair: boolean;
  questions: QuestionView[];
}

/** The other panel members' sheets, visible to an expert who submitted its own (and to the chair and staff). */
export interface PanelScoresView {
  caseId: string;
  experts: { expertId: string; name: string; submittedAt: string | null; entries: Record<string, SheetEntryView> }[];
}

/** The chair's consolidation screen: per indicator each expert's score, the median, the spread, the consensus. */
export interface ConsolidationView {
  caseId: string;
  sessionId: string;
  kind: ReviewSessionKind;
  organisationName: string;
  targetLevel: Level;
  version: number;
  allSubmitted: boolean;
  experts: { expertId: string; assignmentId: string; name: string; submittedAt: string | null }[];
  items: {
    code: string;
    name: string;
    points: number;
    scores: Record<string, number | null>;
    stats: Consensus;
    consensus: number | null;
  }[];
  opinion: string;
  consolidatedAt: string | null;
  /** the level the consensus reaches by the scheme's rule, with per-part explanation lines */
  derived: { level: Level | null; explanation: string[] } | null;
  /** on-site: the result the chair records with the consensus */
  onsite: { passed: boolean | null; rectification: string } | null;
}

export interface ConformanceReportView {
  id: string;
  applicationId: string;
  fileName: string;
  rows: ConformanceRow[];
  summary: ConformanceSummary;
  passed: boolean;
  importedBy: string;
  importedAt: string;
}

/** What the coordinator's "remind now" did: experts with unsubmitted sheets, those sheets, notifications written. */
export interface RemindResult {
  experts: number;
  sheets: number;
  /** 0 when every one of them was reminded earlier the same day */
  reminded: number;
}
