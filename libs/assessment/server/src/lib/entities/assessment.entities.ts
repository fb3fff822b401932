import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type {
  Answer,
  ApplicationState,
  ConformanceResult,
  CycleStatus,
  EvidenceView,
  IndicatorNode,
  Level,
  LevelRule,
  OnsiteResult,
  ReturnReason,
  ReviewOpinions,
  SchemeKind,
  SpotCheck,
  StageWindow,
} from '@hutong/assessment-model';
import type { OrgKind } from '@hutong/platform-model';
import { newId } from '@hutong/platform-database';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';

/** A versioned indicator scheme. A version in use by an application is never changed in place. */
@Entity({ tableName: 'scheme' })
@Unique({ properties: ['key', 'version'] })
export class Scheme {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 16 })
  kind!: SchemeKind;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'json' })
  tree!: IndicatorNode[];

  @Property({ type: 'json' })
  levelRules!: LevelRule[];

  /** a missed target level may be rated as the lower level reached, when the coordinator so decides */
  @Property({ type: 'boolean' })
  allowLowerLevel: boolean & Opt = true;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/** An assessment cycle (年度/批次) run by a jurisdiction: one per jurisdiction, year and batch. */
@Entity({ tableName: 'cycle' })
@Unique({ properties: ['jurisdiction', 'year', 'batch'] })
export class Cycle {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  batch!: number;

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  @Index()
  jurisdiction!: Organisation;

  @Property({ type: 'json' })
  schemeIds!: string[];

  @Property({ type: 'json' })
  eligibleKinds!: OrgKind[];

  @Property({ type: 'json' })
  windows!: StageWindow[];

  @Property({ type: 'integer' })
  publicityDays: number & Opt = 7;

  /** open → closed (no new applications) → archived (hidden from the default lists) */
  @Property({ type: 'string', length: 16 })
  status: CycleStatus & Opt = 'open';

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/** One organisation's application in a cycle, with its self-assessment and stage. */
@Entity({ tableName: 'application' })
@Unique({ properties: ['cycle', 'organisation'] })
export class Application {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Cycle, { deleteRule: 'restrict' })
  cycle!: Cycle;

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  @Index()
  organisation!: Organisation;

  @ManyToOne(() => Scheme, { deleteRule: 'restrict' })
  scheme!: Scheme;

  @Property({ type: 'string', length: 4 })
  targetLevel!: Level;

  @Property({ type: 'string', length: 24 })
  @Index()
  state: ApplicationState & Opt = 'draft';

  /** number of submitted versions */
  @Property({ type: 'integer' })
  version: number & Opt = 0;

  @Property({ type: 'json' })
  answers: Answer[] & Opt = [];

  @Property({ type: 'json' })
  returnReasons: ReturnReason[] & Opt = [];

  /** Asia/Shanghai date (yyyy-MM-dd) by which a returned application must be resubmitted */
  @Property({ type: 'string', length: 10, nullable: true })
  returnDeadline: string | null = null;

  @Property({ type: 'json' })
  consensusScores: Record<string, number> & Opt = {};

  @Property({ type: 'string', length: 4, nullable: true })
  achievedLevel: Level | null = null;

  @Property({ type: 'json', nullable: true })
  resultExplanation: string[] | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  publicityEndsAt: Date | null = null;

  /** the standard conformance test's result (标准符合性测试), recorded by the review; cleared when a new round starts */
  @Property({ type: 'json', nullable: true })
  conformance: ConformanceResult | null = null;

  /** the expert panels' opinions (评审意见) per stage */
  @Property({ type: 'json' })
  reviewOpinions: ReviewOpinions & Opt = {};

  /** when the document review was consolidated (文审结果汇总): to_onsite / to_rating wait for it */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  documentReviewDoneAt: Date | null = null;

  /** the on-site inspection's result (现场查验结果汇总) */
  @Property({ type: 'json', nullable: true })
  onsiteResult: OnsiteResult | null = null;

  /** the national body's spot check of the published result (飞行检查) */
  @Property({ type: 'json', nullable: true })
  spotCheck: SpotCheck | null = null;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  createdBy!: User;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** What was submitted, each time it was submitted. */
@Entity({ tableName: 'application_version' })
@Unique({ properties: ['application', 'version'] })
export class ApplicationVersion {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  application!: Application;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  submittedAt: Date & Opt = new Date();

  @Property({ type: 'string', length: 64 })
  submittedBy!: string;

  @Property({ type: 'json' })
  answers!: Answer[];

  @Property({ type: 'json' })
  evidence!: EvidenceView[];
}

/** An evidence file (证明材料). Stored once by SHA-256; removal keeps it for earlier versions. */
@Entity({ tableName: 'evidence' })
export class Evidence {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  @Index()
  application!: Application;

  @Property({ type: 'string', length: 32 })
  itemCode!: string;

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Property({ type: 'string', length: 100 })
  mime!: string;

  @Property({ type: 'bigint' })
  size!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  uploadedBy!: User;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  uploadedAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  removedAt: Date | null = null;
}

/** Every stage transition (and creation) of an application — and the outbox of the stage events. */
@Entity({ tableName: 'stage_event' })
@Index({ name: 'stage_event_unpublished_index', properties: ['publishedAt', 'at'] })
export class StageEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  @Index()
  application!: Application;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  @Property({ type: 'string', length: 64 })
  actor!: string;

  @Property({ type: 'string', length: 24 })
  action!: string;

  @Property({ type: 'string', length: 24, nullable: true })
  fromState: ApplicationState | null = null;

  @Property({ type: 'string', length: 24 })
  toState!: ApplicationState;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  /** what the transition recorded (version, return reasons, derived level, objection …), for subscribers */
  @Property({ type: 'json', nullable: true })
  details: Opt<Record<string, unknown>> | null = null;

  /**
   * The transactional outbox: written in the transition's transaction, published to the
   * domain-events queue by the worker's relay, which sets this when the job is in Redis.
   */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;
}

/** An objection (异议) filed during publicity. */
@Entity({ tableName: 'objection' })
export class Objection {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  @Index()
  application!: Application;

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  filedByOrg!: Organisation;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  filedBy!: User;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  filedAt: Date & Opt = new Date();

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text', nullable: true })
  resolution: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @Property({ type: 'boolean', nullable: true })
  upheld: boolean | null = null;
}
