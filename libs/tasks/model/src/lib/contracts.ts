/** The tasks capability's contracts: what api, worker and web agree on. */
import type { OrgKind } from '@hutong/platform-model';
import type { ReminderPolicy } from './reminders';

/** Stored statuses. "overdue" is not stored: it is read from the due instant (see `displayStatus`). */
export const TASK_STATUSES = ['open', 'acknowledged', 'submitted', 'accepted', 'returned', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** What the lists show: a waiting task past its due instant is "overdue". */
export type TaskDisplayStatus = TaskStatus | 'overdue';

/** Statuses in which the task still waits for the assignee's work (reminders run, it can be overdue). */
export const WAITING_STATUSES: readonly TaskStatus[] = ['open', 'acknowledged', 'returned'];

/** Statuses after which nothing more happens. */
export const CLOSED_STATUSES: readonly TaskStatus[] = ['accepted', 'cancelled'];

/**
 * Kinds: `manual` is issued by a coordinator; the others are opened and closed by the workflow
 * (`submit_self_assessment` by the application window's end, `resubmit_supplement` by the return deadline,
 * `answer_question` for an expert's question — the review issue; `rectify` for a bulletin's finding).
 */
export const TASK_KINDS = [
  'manual',
  'submit_self_assessment',
  'resubmit_supplement',
  'answer_question',
  'rectify',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** What a task is about. */
export type TaskAboutType = 'application' | 'question' | 'bulletin';

/** One field of a task's response form. */
export type ResponseFieldType = 'text' | 'date' | 'choice' | 'attachments';

export interface ResponseField {
  /** unique within the form: a-z, 0-9, _ */
  key: string;
  label: string;
  type: ResponseFieldType;
  required: boolean;
  /** for `choice` */
  options?: string[];
  /** for `text`: longest answer (default 2000) */
  maxLength?: number;
  /** for `attachments`: most files (default 5) */
  maxFiles?: number;
}

/** An answer per field key: text and date as strings (yyyy-MM-dd), choice as one option, attachments as file ids. */
export type ResponseAnswers = Record<string, string | string[]>;

export type { ReminderPolicy };

/** Who a bulk issue goes to, within the issuer's jurisdiction (every given criterion must hold). */
export interface RecipientFilter {
  /** the subtree of this region (or organisation) */
  regionId?: string;
  kinds?: OrgKind[];
  grades?: string[];
  /** a saved recipient list */
  listId?: string;
  organisationIds?: string[];
}

/** What a caller may do to a task. */
export const TASK_ACTIONS = ['acknowledge', 'submit', 'accept', 'return', 'extend', 'cancel'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export interface TaskSummary {
  id: string;
  kind: TaskKind;
  title: string;
  status: TaskStatus;
  /** the status as lists show it: overdue when still waiting past the due instant */
  displayStatus: TaskDisplayStatus;
  dueAt: string;
  assignee: { id: string; name: string };
  assigneeUserId: string | null;
  batchId: string | null;
  aboutType: TaskAboutType | null;
  aboutId: string | null;
  nextReminderAt: string | null;
  createdAt: string;
  submittedAt: string | null;
  closedAt: string | null;
}

export interface TaskResponseView {
  id: string;
  answers: ResponseAnswers;
  submittedBy: string | null;
  submittedAt: string;
  decision: 'accepted' | 'returned' | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

export interface TaskAttachmentView {
  id: string;
  name: string;
  mime: string;
  size: number;
  responseId: string | null;
  createdAt: string;
}

export interface TaskEventView {
  at: string;
  actor: string;
  action: string;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus;
  note: string | null;
}

export interface TaskReminderView {
  stepKey: string;
  audience: string;
  recipients: number;
  sentAt: string;
}

export interface TaskDetail extends TaskSummary {
  instructions: string;
  form: ResponseField[];
  policy: ReminderPolicy;
  nextReminderKey: string | null;
  acknowledgedAt: string | null;
  responses: TaskResponseView[];
  attachments: TaskAttachmentView[];
  history: TaskEventView[];
  reminders: TaskReminderView[];
  /** what the caller may do now */
  actions: TaskAction[];
}

export type TaskBatchStatus = 'queued' | 'running' | 'done' | 'failed';

export interface TaskBatchView {
  id: string;
  title: string;
  dueAt: string;
  status: TaskBatchStatus;
  total: number;
  created: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** the batch's tasks by status (overdue counted apart from the waiting statuses) */
  counts: Partial<Record<TaskDisplayStatus, number>>;
}

export interface RecipientPreview {
  total: number;
  /** the first 50, by code */
  items: { id: string; code: string; name: string }[];
}
