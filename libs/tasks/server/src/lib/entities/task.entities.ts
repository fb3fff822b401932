import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type {
  ReminderAudience,
  ReminderPolicy,
  ResponseAnswers,
  ResponseField,
  TaskAboutType,
  TaskKind,
  TaskStatus,
} from '@hutong/tasks-model';
import { newId } from '@hutong/platform-database';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import { RollupCount, RollupDirty } from '../rollups/rollup.entity';

/** A bulk issue: the template and the recipients' filter; the worker creates its tasks and counts progress. */
@Entity({ tableName: 'task_batch' })
export class TaskBatch {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  instructions!: string;

  @Property({ type: 'json' })
  form!: ResponseField[];

  @Property({ type: 'Date', columnType: 'timestamptz' })
  dueAt!: Date;

  @Property({ type: 'json' })
  policy!: ReminderPolicy;

  /** the recipients' filter as the coordinator chose it (kind, grade, region subtree, saved list) */
  @Property({ type: 'json' })
  filter!: Record<string, unknown>;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  issuer!: User;

  /** the jurisdiction the batch was issued in (the issuer's) */
  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  issuerOrg: Organisation | null = null;

  /** queued | running | done | failed */
  @Property({ type: 'string', length: 12 })
  status: Opt<string> = 'queued';

  @Property({ type: 'integer' })
  total: Opt<number> = 0;

  @Property({ type: 'integer' })
  created: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}

/** A deadline task assigned to an organisation (optionally a person in it). */
@Entity({ tableName: 'task' })
@Index({ properties: ['assigneePath', 'status'] })
export class Task {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => TaskBatch, { nullable: true, deleteRule: 'set null' })
  @Index()
  batch: TaskBatch | null = null;

  @Property({ type: 'string', length: 32 })
  kind!: TaskKind;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  instructions!: string;

  @Property({ type: 'json' })
  form!: ResponseField[];

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  @Index()
  assigneeOrg!: Organisation;

  /** the assignee organisation's materialised path when the task was issued (region filters and rollups) */
  @Property({ type: 'text', collation: 'C' })
  assigneePath!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  assigneeUser: User | null = null;

  /** null for the tasks the workflow opens */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  @Index()
  issuer: User | null = null;

  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  issuerOrg: Organisation | null = null;

  @Property({ type: 'string', length: 16 })
  status: Opt<TaskStatus> = 'open';

  @Property({ type: 'Date', columnType: 'timestamptz' })
  @Index()
  dueAt!: Date;

  @Property({ type: 'json' })
  policy!: ReminderPolicy;

  @Property({ type: 'string', length: 16, nullable: true })
  aboutType: TaskAboutType | null = null;

  @Property({ type: 'uuid', nullable: true })
  aboutId: string | null = null;

  /** idempotency of the tasks the workflow opens (one per event and purpose) */
  @Property({ type: 'string', length: 160, nullable: true, unique: true })
  sourceKey: string | null = null;

  /** the due-scan's column: when the next reminder step falls due (null: none left, or the work is done) */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  @Index()
  nextReminderAt: Date | null = null;

  @Property({ type: 'string', length: 24, nullable: true })
  nextReminderKey: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null = null;

  /** the latest response's submission */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  /** accepted or cancelled */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** A response to a task (every submission is kept; the latest is decided). */
@Entity({ tableName: 'task_response' })
export class TaskResponse {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Task, { deleteRule: 'cascade' })
  @Index()
  task!: Task;

  @Property({ type: 'json' })
  answers!: ResponseAnswers;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  submittedBy: User | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  submittedAt: Date & Opt = new Date();

  /** null until decided: accepted | returned */
  @Property({ type: 'string', length: 12, nullable: true })
  decision: 'accepted' | 'returned' | null = null;

  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  decidedBy: User | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;
}

/** A file attached to a task's response (content-addressed in the file store). */
@Entity({ tableName: 'task_attachment' })
export class TaskAttachment {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Task, { deleteRule: 'cascade' })
  @Index()
  task!: Task;

  /** set when a response uses it */
  @ManyToOne(() => TaskResponse, { nullable: true, deleteRule: 'set null' })
  response: TaskResponse | null = null;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 255 })
  name!: string;

  @Property({ type: 'string', length: 128 })
  mime!: string;

  @Property({ type: 'bigint' })
  size!: number;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  uploadedBy: User | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/** The task's history: issued, acknowledged, submitted, accepted, returned, extended (with the reason), cancelled. */
@Entity({ tableName: 'task_event' })
export class TaskEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Task, { deleteRule: 'cascade' })
  @Index()
  task!: Task;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  /** user id, or `system` for the workflow and the worker */
  @Property({ type: 'string', length: 64 })
  actor!: string;

  @Property({ type: 'string', length: 24 })
  action!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  fromStatus: TaskStatus | null = null;

  @Property({ type: 'string', length: 16 })
  toStatus!: TaskStatus;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'json', nullable: true })
  details: Opt<Record<string, unknown>> | null = null;
}

/** A reminder step that was sent: at most one per task and step (manual reminders: `manual-<minute>`). */
@Entity({ tableName: 'task_reminder' })
@Unique({ properties: ['task', 'stepKey'] })
export class TaskReminder {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Task, { deleteRule: 'cascade' })
  task!: Task;

  @Property({ type: 'string', length: 32 })
  stepKey!: string;

  @Property({ type: 'string', length: 16 })
  audience!: ReminderAudience;

  @Property({ type: 'integer' })
  recipients: Opt<number> = 0;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  sentAt: Date & Opt = new Date();
}

/** A saved list of organisations to issue tasks to. */
@Entity({ tableName: 'recipient_list' })
export class RecipientList {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 100 })
  name!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: User;

  @Property({ type: 'json' })
  organisationIds!: string[];

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

export const TASK_ENTITIES = [
  TaskBatch,
  Task,
  TaskResponse,
  TaskAttachment,
  TaskEvent,
  TaskReminder,
  RecipientList,
  RollupCount,
  RollupDirty,
];
