/** The tasks capability's contracts: what api, worker and web agree on. */
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
