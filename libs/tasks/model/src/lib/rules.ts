/**
 * The rules of a deadline task, framework-free (api, worker and web read them): how it shows (overdue is
 * derived), who may do what in which status (one table), and what a response form and its answers must be.
 */
import { isValidDate, type Role } from '@hutong/platform-model';
import {
  WAITING_STATUSES,
  type ResponseAnswers,
  type ResponseField,
  type TaskAction,
  type TaskDisplayStatus,
  type TaskStatus,
} from './contracts';
import { isOverdueAt } from './reminders';

/** The status a list shows: a task still waiting for its work past its due instant is overdue. */
export function displayStatus(status: TaskStatus, dueAt: Date, now: Date): TaskDisplayStatus {
  return WAITING_STATUSES.includes(status) && isOverdueAt(dueAt, now) ? 'overdue' : status;
}

export function isWaiting(status: TaskStatus): boolean {
  return WAITING_STATUSES.includes(status);
}

/** Which side of a task acts: the assignee organisation, or the issuer side (the coordinator of its region, admins). */
export type TaskSide = 'assignee' | 'issuer';

export interface TaskTransition {
  action: TaskAction;
  from: readonly TaskStatus[];
  /** null: the status stays (an extension) */
  to: TaskStatus | null;
  side: TaskSide;
  /** a reason is required (return, extend, cancel) */
  reason: boolean;
  /** what happens to the task's reminders: planned again from now, stopped, or left as they are */
  reminders: 'replan' | 'stop' | 'keep';
}

/** The one transition table of a task. */
export const TASK_TRANSITIONS: readonly TaskTransition[] = [
  { action: 'acknowledge', from: ['open'], to: 'acknowledged', side: 'assignee', reason: false, reminders: 'keep' },
  {
    action: 'submit',
    from: ['open', 'acknowledged', 'returned'],
    to: 'submitted',
    side: 'assignee',
    reason: false,
    reminders: 'stop',
  },
  { action: 'accept', from: ['submitted'], to: 'accepted', side: 'issuer', reason: false, reminders: 'stop' },
  // returning reopens the work: its reminders are planned again
  { action: 'return', from: ['submitted'], to: 'returned', side: 'issuer', reason: true, reminders: 'replan' },
  {
    action: 'extend',
    from: ['open', 'acknowledged', 'returned', 'submitted'],
    to: null,
    side: 'issuer',
    reason: true,
    reminders: 'replan',
  },
  {
    action: 'cancel',
    from: ['open', 'acknowledged', 'returned', 'submitted'],
    to: 'cancelled',
    side: 'issuer',
    reason: true,
    reminders: 'stop',
  },
];

export function transitionOf(action: TaskAction): TaskTransition {
  const t = TASK_TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new RangeError(`unknown task action ${action}`);
  return t;
}

/** Who is asking, relative to the task. */
export interface TaskActor {
  role: Role;
  /** the task is assigned to the caller's organisation (or to the caller) */
  isAssignee: boolean;
  /** the task's assignee lies in the caller's jurisdiction (always true for admins) */
  inJurisdiction: boolean;
}

export type TaskDecision =
  | { ok: true; to: TaskStatus; transition: TaskTransition }
  | { ok: false; code: string; params: Record<string, string>; status: 400 | 403 | 409 };

/** Whether `actor` may take `action` on a task in `status` (the refusal as a code of the tasks catalogue). */
export function decideTask(
  status: TaskStatus,
  action: TaskAction,
  actor: TaskActor,
  reason?: string | null,
): TaskDecision {
  const t = transitionOf(action);
  if (t.side === 'assignee') {
    if (actor.role !== 'applicant')
      return { ok: false, code: 'task.role_not_allowed', params: { action }, status: 403 };
    if (!actor.isAssignee) return { ok: false, code: 'task.not_assignee', params: {}, status: 403 };
  } else {
    if (actor.role !== 'coordinator' && actor.role !== 'admin')
      return { ok: false, code: 'task.role_not_allowed', params: { action }, status: 403 };
    if (!actor.inJurisdiction) return { ok: false, code: 'task.out_of_jurisdiction', params: {}, status: 403 };
  }
  if (!t.from.includes(status))
    return { ok: false, code: 'task.wrong_status', params: { status, action }, status: 409 };
  if (t.reason && !reason?.trim()) return { ok: false, code: 'task.reason_required', params: { action }, status: 400 };
  return { ok: true, to: t.to ?? status, transition: t };
}

/** The actions the caller may take now (the reason, where one is needed, is assumed given). */
export function availableTaskActions(status: TaskStatus, actor: TaskActor): TaskAction[] {
  return TASK_TRANSITIONS.filter((t) => decideTask(status, t.action, actor, 'x').ok).map((t) => t.action);
}

// ---- response forms ----

export const FORM_MAX_FIELDS = 20;
export const TEXT_DEFAULT_MAX = 2000;
export const FILES_DEFAULT_MAX = 5;
/** the most files one task holds (every upload counts) */
export const TASK_MAX_ATTACHMENTS = 50;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A problem with a form's field or an answer: a code of the tasks catalogue, the field's key and params. */
export interface FieldProblem {
  field: string;
  code: string;
  params: Record<string, string | number>;
}

/** Problems with a response form's definition; empty when it is valid. */
export function formProblems(form: ResponseField[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (form.length > FORM_MAX_FIELDS)
    problems.push({ field: 'form', code: 'task.form_too_many_fields', params: { max: FORM_MAX_FIELDS } });
  const seen = new Set<string>();
  for (const f of form) {
    if (!KEY.test(f.key)) problems.push({ field: f.key, code: 'task.form_key_format', params: { key: f.key } });
    else if (seen.has(f.key)) problems.push({ field: f.key, code: 'task.form_duplicate_key', params: { key: f.key } });
    seen.add(f.key);
    if (!f.label?.trim()) problems.push({ field: f.key, code: 'task.form_label_required', params: { key: f.key } });
    if (f.type === 'choice') {
      const options = f.options ?? [];
      if (!options.length || options.some((o) => !o.trim()) || new Set(options).size !== options.length)
        problems.push({ field: f.key, code: 'task.form_choice_options', params: { key: f.key } });
    }
    if (f.maxLength !== undefined && !(Number.isInteger(f.maxLength) && f.maxLength >= 1 && f.maxLength <= 20000))
      problems.push({ field: f.key, code: 'task.form_max_length', params: { key: f.key } });
    if (f.maxFiles !== undefined && !(Number.isInteger(f.maxFiles) && f.maxFiles >= 1 && f.maxFiles <= 20))
      problems.push({ field: f.key, code: 'task.form_max_files', params: { key: f.key } });
  }
  return problems;
}

const empty = (v: string | string[] | undefined): boolean =>
  v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');

/**
 * Problems with a response's answers against its form; empty when they are acceptable. Attachments are
 * file ids (whether they belong to the task is the server's check). Keys the form does not have are refused.
 */
export function validateResponse(form: ResponseField[], answers: ResponseAnswers): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = new Set(form.map((f) => f.key));
  for (const k of Object.keys(answers))
    if (!keys.has(k)) problems.push({ field: k, code: 'task.answer_unknown_field', params: { key: k } });
  for (const f of form) {
    const v = answers[f.key];
    const p = (code: string, params: Record<string, string | number> = {}) =>
      problems.push({ field: f.key, code, params: { label: f.label, ...params } });
    if (empty(v)) {
      if (f.required) p('task.answer_required');
      continue;
    }
    if (f.type === 'attachments') {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) p('task.answer_not_files');
      else if (v.length > (f.maxFiles ?? FILES_DEFAULT_MAX))
        p('task.answer_too_many_files', { max: f.maxFiles ?? FILES_DEFAULT_MAX });
      continue;
    }
    if (typeof v !== 'string') {
      p('task.answer_not_text');
      continue;
    }
    if (f.type === 'text' && v.length > (f.maxLength ?? TEXT_DEFAULT_MAX))
      p('task.answer_too_long', { max: f.maxLength ?? TEXT_DEFAULT_MAX });
    if (f.type === 'date' && !isValidDate(v)) p('task.answer_not_date', { value: v });
    if (f.type === 'choice' && !(f.options ?? []).includes(v)) p('task.answer_not_option', { value: v });
  }
  return problems;
}

/** The file ids a response's answers name (the attachments fields). */
export function attachmentIdsOf(form: ResponseField[], answers: ResponseAnswers): string[] {
  return form
    .filter((f) => f.type === 'attachments')
    .flatMap((f) => {
      const v = answers[f.key];
      return Array.isArray(v) ? v : [];
    });
}
