import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type {
  DateRange,
  ExpertPool,
  InvitationStatus,
  PanelRole,
  ReviewSessionKind,
  ReviewSessionStatus,
  SessionMode,
  SheetEntryView,
  Specialty,
} from '@hutong/review-model';
import { newId } from '@hutong/platform-database';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';

/** An expert of the pool (专家库): the user who scores, where it works, what it knows, what it is tied to. */
@Entity({ tableName: 'expert' })
export class Expert {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User, { deleteRule: 'restrict', unique: true })
  user!: User;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** 职称 / 职务, e.g. 正高级工程师 */
  @Property({ type: 'string', length: 100 })
  title: string & Opt = '';

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  @Index()
  affiliation!: Organisation;

  @Property({ type: 'json' })
  pools!: ExpertPool[];

  @Property({ type: 'json' })
  specialties!: Specialty[];

  /** 承建单位 the expert works or worked for */
  @Property({ type: 'json' })
  vendorTies: string[] & Opt = [];

  /** organisations the expert consulted for */
  @Property({ type: 'json' })
  consultedOrgIds: string[] & Opt = [];

  @Property({ type: 'json' })
  unavailable: DateRange[] & Opt = [];

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** A conflict of interest an expert (or the coordinator for it) declared for one application. */
@Entity({ tableName: 'expert_declared_conflict' })
@Unique({ properties: ['expert', 'applicationId'] })
export class DeclaredConflictRow {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Expert, { deleteRule: 'cascade' })
  expert!: Expert;

  @Property({ type: 'uuid' })
  @Index()
  applicationId!: string;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  declaredBy!: User;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  declaredAt: Date & Opt = new Date();
}

/** A review session: a 文审会 (document review) or an on-site inspection (现场查验) of a cycle, with its panel. */
@Entity({ tableName: 'review_session' })
export class ReviewSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  @Index()
  cycleId!: string;

  /** the cycle's jurisdiction path (who may run and read the session) */
  @Property({ type: 'text', collation: 'C' })
  jurisdictionPath!: string;

  @Property({ type: 'string', length: 16 })
  kind!: ReviewSessionKind;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** Asia/Shanghai dates, yyyy-MM-dd: the session day (an on-site inspection may last until endDate) */
  @Property({ type: 'string', length: 10 })
  date!: string;

  @Property({ type: 'string', length: 10 })
  endDate!: string;

  /** HH:mm, the first slot */
  @Property({ type: 'string', length: 5 })
  start!: string;

  @Property({ type: 'string', length: 8 })
  mode!: SessionMode;

  /** the venue's address or the meeting link */
  @Property({ type: 'string', length: 300 })
  location: string & Opt = '';

  @Property({ type: 'integer' })
  slotPresent: number & Opt = 15;

  @Property({ type: 'integer' })
  slotQuestions: number & Opt = 10;

  @Property({ type: 'integer', nullable: true })
  breakAfter: number | null = null;

  @Property({ type: 'integer', nullable: true })
  breakMinutes: number | null = null;

  @Property({ type: 'integer' })
  minPerApplication: number & Opt = 3;

  @Property({ type: 'integer', nullable: true })
  maxPerExpert: number | null = null;

  /** Asia/Shanghai date by which every sheet must be submitted */
  @Property({ type: 'string', length: 10 })
  scoringDue!: string;

  @Property({ type: 'string', length: 12 })
  status: ReviewSessionStatus & Opt = 'planning';

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  createdBy!: User;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** An expert invited to a session's panel, and its answer. */
@Entity({ tableName: 'review_panel_member' })
@Unique({ properties: ['session', 'expert'] })
export class PanelMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => ReviewSession, { deleteRule: 'cascade' })
  session!: ReviewSession;

  @ManyToOne(() => Expert, { deleteRule: 'restrict' })
  @Index()
  expert!: Expert;

  @Property({ type: 'string', length: 8 })
  role: PanelRole & Opt = 'member';

  @Property({ type: 'string', length: 10 })
  status: InvitationStatus & Opt = 'invited';

  @Property({ type: 'Date', columnType: 'timestamptz' })
  invitedAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  declineReason: string | null = null;
}

/** The chair's consensus on one indicator. */
export interface ConsensusEntry {
  score: number;
  /** the median the chair started from, and the spread it saw */
  median: number | null;
  spread: number | null;
}

/** One application reviewed in a session: its slot, its facts for conflicts, the chair's consensus and opinion. */
@Entity({ tableName: 'review_case' })
@Unique({ properties: ['session', 'applicationId'] })
export class ReviewCase {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => ReviewSession, { deleteRule: 'cascade' })
  session!: ReviewSession;

  @Property({ type: 'uuid' })
  @Index()
  applicationId!: string;

  @Property({ type: 'uuid' })
  organisationId!: string;

  @Property({ type: 'string', length: 200 })
  organisationName!: string;

  @Property({ type: 'text', collation: 'C' })
  organisationPath!: string;

  @Property({ type: 'uuid', nullable: true })
  cityId: string | null = null;

  /** 承建单位 of the applicant's platform */
  @Property({ type: 'json' })
  vendors: string[] & Opt = [];

  @Property({ type: 'json' })
  neededSpecialties: Specialty[] & Opt = [];

  /** order in the agenda, from 0 */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'json' })
  consensus: Record<string, ConsensusEntry> & Opt = {};

  /** 评审意见: the panel's written opinion, which the applicant receives */
  @Property({ type: 'text' })
  opinion: string & Opt = '';

  /** on-site inspection: the result (现场查验结论) and the rectification required (整改要求) */
  @Property({ type: 'boolean', nullable: true })
  passed: boolean | null = null;

  @Property({ type: 'text' })
  rectification: string & Opt = '';

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  consolidatedAt: Date | null = null;

  /** optimistic lock of the consolidation */
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;
}

/** One indicator on an expert's sheet. */
export type SheetEntry = SheetEntryView;

/** An expert on an application's panel, with its score sheet. */
@Entity({ tableName: 'review_assignment' })
@Unique({ properties: ['reviewCase', 'expert'] })
export class ReviewAssignment {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => ReviewCase, { deleteRule: 'cascade' })
  reviewCase!: ReviewCase;

  @ManyToOne(() => Expert, { deleteRule: 'restrict' })
  @Index()
  expert!: Expert;

  @Property({ type: 'string', length: 8 })
  source!: 'manual' | 'auto';

  @Property({ type: 'json' })
  entries: Record<string, SheetEntry> & Opt = {};

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  /** why the chair reopened a submitted sheet (the last time) */
  @Property({ type: 'string', length: 500, nullable: true })
  reopenReason: string | null = null;

  /** optimistic lock of the sheet: a save names the version it edited */
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** An expert's question (质询) on one indicator, answered by the applicant through a task. */
@Entity({ tableName: 'review_question' })
export class ReviewQuestion {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => ReviewCase, { deleteRule: 'cascade' })
  @Index()
  reviewCase!: ReviewCase;

  @ManyToOne(() => Expert, { deleteRule: 'restrict' })
  expert!: Expert;

  @Property({ type: 'string', length: 32 })
  itemCode!: string;

  @Property({ type: 'text' })
  text!: string;

  /** Asia/Shanghai date by which the applicant answers */
  @Property({ type: 'string', length: 10 })
  dueDate!: string;

  /** the applicant's task (tasks capability) */
  @Property({ type: 'uuid', nullable: true })
  taskId: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/** A standard-conformance test report (标准符合性测试) imported for one application. */
@Entity({ tableName: 'conformance_report' })
export class ConformanceReport {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  @Index()
  applicationId!: string;

  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @Property({ type: 'json' })
  rows!: unknown[];

  @Property({ type: 'json' })
  summary!: Record<string, unknown>;

  @Property({ type: 'boolean' })
  passed!: boolean;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  importedBy!: User;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  importedAt: Date & Opt = new Date();
}

export const REVIEW_ENTITIES = [
  Expert,
  DeclaredConflictRow,
  ReviewSession,
  PanelMember,
  ReviewCase,
  ReviewAssignment,
  ReviewQuestion,
  ConformanceReport,
];
