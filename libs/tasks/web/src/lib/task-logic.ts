/** The tasks pages' pure logic: due labels, the form builder's output, answer problems by field. */
import { shanghaiDate } from '@hutong/platform-model';
import {
  dueDayOf,
  isOverdueAt,
  isWaiting,
  overdueDays,
  validateResponse,
  type FieldProblem,
  type ResponseAnswers,
  type ResponseField,
  type ResponseFieldType,
  type TaskStatus,
} from '@hutong/tasks-model';

/** What the due column says beside the date: days left, due today, days overdue, or nothing once done. */
export type DueHint =
  | { key: 'tasks.due.left'; n: number }
  | { key: 'tasks.due.today' }
  | { key: 'tasks.due.overdue'; n: number }
  | null;

const DAY_MS = 86_400_000;

/** Days between two yyyy-MM-dd dates (b − a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * The Asia/Shanghai date a task is due by: a due instant at 00:00 there (the api's "by the end of a date")
 * belongs to the day before.
 */
export function dueDay(dueAt: string): string {
  return dueDayOf(new Date(dueAt));
}

/** The hint for a task due at `dueAt` (ISO) in `status`, seen at `now`: counted in Asia/Shanghai calendar days. */
export function dueHint(dueAt: string, status: TaskStatus, now: Date): DueHint {
  if (!isWaiting(status)) return null;
  const due = new Date(dueAt);
  if (isOverdueAt(due, now)) return { key: 'tasks.due.overdue', n: Math.max(1, overdueDays(due, now)) };
  const left = daysBetween(shanghaiDate(now), dueDayOf(due));
  return left <= 0 ? { key: 'tasks.due.today' } : { key: 'tasks.due.left', n: left };
}

/** One field as the builder edits it (options as typed, one per line or comma-separated). */
export interface FieldDraft {
  label: string;
  type: ResponseFieldType;
  required: boolean;
  options: string;
}

export function emptyField(type: ResponseFieldType = 'text'): FieldDraft {
  return { label: '', type, required: true, options: '' };
}

/** The options typed for a choice: split on new lines and commas (，too), trimmed, blanks and repeats dropped. */
export function parseOptions(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,，、]/)
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ];
}

/** The builder's fields as the api's response form: keys field_1…, options only for choices. */
export function toResponseFields(drafts: readonly FieldDraft[]): ResponseField[] {
  return drafts.map((d, i) => {
    const field: ResponseField = { key: `field_${i + 1}`, label: d.label.trim(), type: d.type, required: d.required };
    if (d.type === 'choice') field.options = parseOptions(d.options);
    return field;
  });
}

/** The first problem of each field (the message shown under it), keyed by field key. */
export function problemsByField(form: ResponseField[], answers: ResponseAnswers): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const p of validateResponse(form, answers)) if (!(p.field in out)) out[p.field] = p;
  return out;
}

/** Only the answers worth sending: blank texts and empty file lists left out. */
export function cleanAnswers(form: ResponseField[], answers: ResponseAnswers): ResponseAnswers {
  const out: ResponseAnswers = {};
  for (const f of form) {
    const v = answers[f.key];
    if (v === undefined) continue;
    if (Array.isArray(v) ? v.length > 0 : v.trim() !== '') out[f.key] = Array.isArray(v) ? v : v.trim();
  }
  return out;
}

/** A file size for people: 12 KB, 3.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The calendar date a date picker shows (its local year, month and day) as yyyy-MM-dd: the Shanghai date the user chose. */
export function pickedDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The Date a date picker shows for a yyyy-MM-dd date (local midnight of that calendar day). */
export function pickerValue(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}
