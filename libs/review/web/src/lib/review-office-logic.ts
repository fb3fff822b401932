/**
 * The review office pages' pure rules: the session and expert forms' checks, the eligibility matrix as a grid, the
 * refusals and row errors of the api's coded answers, the sessions list's filter and sort, the conformance template.
 * Framework-free (no Angular): the Jest spec reads them directly.
 */
import { formatZhDate, type Lang } from '@hutong/platform-model';
import {
  CONFORMANCE_COLUMNS,
  CONFORMANCE_TEMPLATE_HEADER,
  describeReason,
  type ConformanceColumn,
  type ConformanceRowError,
  type EligibilityMatrix,
  type ExpertPool,
  type Reason,
  type ReviewSessionKind,
  type ReviewSessionStatus,
  type ReviewSessionSummary,
  type SessionMode,
  type Specialty,
} from '@hutong/review-model';

// ---------------------------------------------------------------- dates

/** A picked date (local midnight) as yyyy-MM-dd. */
export function toDateString(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A yyyy-MM-dd date as a local Date (for the pickers). */
export function fromDateString(s: string): Date {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** A calendar date (yyyy-MM-dd) in the user's language: `2026年12月15日` or `2026-12-15`. */
export function formatDay(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  return lang === 'zh' ? formatZhDate(value.slice(0, 10)) : value.slice(0, 10);
}

/** A session's days: one date, or `from – to` for an on-site inspection over several days. */
export function formatDays(date: string, endDate: string | null | undefined, lang: Lang): string {
  const from = formatDay(date, lang);
  return endDate && endDate !== date ? `${from} – ${formatDay(endDate, lang)}` : from;
}

/** HH:mm (00:00–23:59), the api's time rule. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

// ---------------------------------------------------------------- the session form

export interface SessionFormValue {
  cycleId: string;
  kind: ReviewSessionKind;
  title: string;
  date: Date | null;
  endDate: Date | null;
  start: string;
  mode: SessionMode;
  location: string;
  slotPresent: number | null;
  slotQuestions: number | null;
  breakAfter: number | null;
  breakMinutes: number | null;
  minPerApplication: number | null;
  maxPerExpert: number | null;
  scoringDue: Date | null;
}

export type SessionField = keyof SessionFormValue;

/** Why a field of the session form is refused (a `ro.form.*` text). */
export type SessionProblem =
  | 'required'
  | 'tooLong'
  | 'endBeforeDate'
  | 'dueBeforeDate'
  | 'timeInvalid'
  | 'range'
  | 'breakMinutesRequired';

/** The limits of the numbers (the api's: SessionFieldsDto). */
export const SESSION_LIMITS = {
  slotPresent: { min: 5, max: 240 },
  slotQuestions: { min: 0, max: 240 },
  breakAfter: { min: 1, max: 100 },
  breakMinutes: { min: 5, max: 120 },
  minPerApplication: { min: 1, max: 20 },
  maxPerExpert: { min: 1, max: 100 },
} as const satisfies Partial<Record<SessionField, { min: number; max: number }>>;

const inRange = (v: number | null, { min, max }: { min: number; max: number }) =>
  v !== null && Number.isInteger(v) && v >= min && v <= max;

/**
 * The session form's problems by field: cycle, kind, title, date and scoring due date required; the title at most
 * 200 characters; the end date (on site) not before the date; scoring due not before the date; the start HH:mm; the
 * numbers whole and within the api's limits (break, its minutes and the per-expert limit optional); a break's
 * minutes with a break. Empty when the form may be sent.
 */
export function sessionFormProblems(v: SessionFormValue): Partial<Record<SessionField, SessionProblem>> {
  const out: Partial<Record<SessionField, SessionProblem>> = {};
  if (!v.cycleId) out.cycleId = 'required';
  if (!v.kind) out.kind = 'required';
  const title = v.title.trim();
  if (!title) out.title = 'required';
  else if (title.length > 200) out.title = 'tooLong';
  const date = v.date ? toDateString(v.date) : null;
  if (!date) out.date = 'required';
  if (v.kind === 'onsite' && v.endDate && date && toDateString(v.endDate) < date) out.endDate = 'endBeforeDate';
  if (!v.scoringDue) out.scoringDue = 'required';
  else if (date && toDateString(v.scoringDue) < date) out.scoringDue = 'dueBeforeDate';
  if (!v.start.trim()) out.start = 'required';
  else if (!TIME_PATTERN.test(v.start.trim())) out.start = 'timeInvalid';
  if (v.location.length > 300) out.location = 'tooLong';
  if (v.slotPresent === null) out.slotPresent = 'required';
  else if (!inRange(v.slotPresent, SESSION_LIMITS.slotPresent)) out.slotPresent = 'range';
  if (v.slotQuestions === null) out.slotQuestions = 'required';
  else if (!inRange(v.slotQuestions, SESSION_LIMITS.slotQuestions)) out.slotQuestions = 'range';
  if (v.minPerApplication === null) out.minPerApplication = 'required';
  else if (!inRange(v.minPerApplication, SESSION_LIMITS.minPerApplication)) out.minPerApplication = 'range';
  if (v.maxPerExpert !== null && !inRange(v.maxPerExpert, SESSION_LIMITS.maxPerExpert)) out.maxPerExpert = 'range';
  if (v.breakAfter !== null && !inRange(v.breakAfter, SESSION_LIMITS.breakAfter)) out.breakAfter = 'range';
  if (v.breakMinutes !== null && !inRange(v.breakMinutes, SESSION_LIMITS.breakMinutes)) out.breakMinutes = 'range';
  else if (v.breakAfter !== null && v.breakMinutes === null) out.breakMinutes = 'breakMinutesRequired';
  return out;
}

/** The fields a session's create (`withKind`) or change sends, from a valid form. */
export function sessionBody(v: SessionFormValue) {
  const date = toDateString(v.date as Date);
  // a document review lasts its day: its end date follows the date (a later change of the date stays in order)
  const endDate = v.kind === 'onsite' && v.endDate ? toDateString(v.endDate) : date;
  const hasBreak = v.breakAfter !== null;
  return {
    title: v.title.trim(),
    date,
    endDate,
    start: v.start.trim(),
    mode: v.mode,
    location: v.location.trim(),
    slotPresent: v.slotPresent ?? 15,
    slotQuestions: v.slotQuestions ?? 10,
    breakAfter: hasBreak ? v.breakAfter : null,
    breakMinutes: hasBreak ? v.breakMinutes : null,
    minPerApplication: v.minPerApplication ?? 3,
    maxPerExpert: v.maxPerExpert,
    scoringDue: toDateString(v.scoringDue as Date),
  };
}

// ---------------------------------------------------------------- the expert form

export interface ExpertFormValue {
  userId: string;
  name: string;
  title: string;
  affiliationOrgId: string;
  pools: ExpertPool[];
  specialties: Specialty[];
  vendorTies: string[];
  active: boolean;
}

export type ExpertField = keyof ExpertFormValue;
export type ExpertProblem = 'required' | 'tooLong' | 'poolsRequired' | 'vendorTooLong' | 'tooMany';

/**
 * The expert form's problems by field: the user (a new profile), the name (≤ 100) and the affiliation required, the
 * title ≤ 100, at least one pool (an expert outside every pool can sit on no panel), at most 50 vendor ties of
 * 1–200 characters.
 */
export function expertFormProblems(v: ExpertFormValue, creating: boolean): Partial<Record<ExpertField, ExpertProblem>> {
  const out: Partial<Record<ExpertField, ExpertProblem>> = {};
  if (creating && !v.userId) out.userId = 'required';
  const name = v.name.trim();
  if (!name) out.name = 'required';
  else if (name.length > 100) out.name = 'tooLong';
  if (v.title.trim().length > 100) out.title = 'tooLong';
  if (!v.affiliationOrgId) out.affiliationOrgId = 'required';
  if (v.pools.length === 0) out.pools = 'poolsRequired';
  const ties = cleanTags(v.vendorTies);
  if (ties.length > 50) out.vendorTies = 'tooMany';
  else if (ties.some((t) => t.length > 200)) out.vendorTies = 'vendorTooLong';
  return out;
}

/** Tags as the api takes them: trimmed, without empty ones or repeats (the first spelling kept). */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim();
    const key = t.normalize('NFKC').toLowerCase();
    if (!t || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------- the eligibility matrix

export type CellState = 'assigned' | 'eligible' | 'ineligible';

export interface GridCell {
  caseId: string;
  expertId: string;
  eligible: boolean;
  assigned: boolean;
  reasons: Reason[];
  state: CellState;
}

export interface GridRow {
  caseId: string;
  organisationName: string;
  /** one per expert of the matrix, in its order (null when the api sent no cell) */
  cells: (GridCell | null)[];
  eligible: number;
  assigned: number;
}

export interface EligibilityGrid {
  experts: EligibilityMatrix['experts'];
  rows: GridRow[];
  /** per expert (in the matrix's order): cases it may review and cases it is assigned to */
  perExpert: { expertId: string; eligible: number; assigned: number }[];
}

/** A cell's state: assigned (whatever the rules say now), else eligible or not. */
export function cellState(c: { eligible: boolean; assigned: boolean }): CellState {
  return c.assigned ? 'assigned' : c.eligible ? 'eligible' : 'ineligible';
}

/** The matrix as a grid: rows the cases, columns the experts, with the counts per case and per expert. */
export function eligibilityGrid(m: EligibilityMatrix): EligibilityGrid {
  const rows = m.cases.map((c) => {
    const byExpert = new Map(c.cells.map((cell) => [cell.expertId, cell]));
    const cells = m.experts.map((e) => {
      const cell = byExpert.get(e.expertId);
      return cell ? { ...cell, caseId: c.caseId, state: cellState(cell) } : null;
    });
    return {
      caseId: c.caseId,
      organisationName: c.organisationName,
      cells,
      eligible: cells.filter((x) => x?.eligible).length,
      assigned: cells.filter((x) => x?.assigned).length,
    };
  });
  const perExpert = m.experts.map((e, i) => ({
    expertId: e.expertId,
    eligible: rows.filter((r) => r.cells[i]?.eligible).length,
    assigned: rows.filter((r) => r.cells[i]?.assigned).length,
  }));
  return { experts: m.experts, rows, perExpert };
}

/** The cell of a case and an expert, when the matrix has it. */
export function cellOf(m: EligibilityMatrix | null | undefined, caseId: string, expertId: string) {
  return m?.cases.find((c) => c.caseId === caseId)?.cells.find((c) => c.expertId === expertId) ?? null;
}

// ---------------------------------------------------------------- coded refusals

/** A reason of a bulk refusal: an eligibility reason, or a member who has not accepted yet. */
export type RefusalReason = Reason | { code: 'not_accepted' };

export interface PairRefusal {
  caseId: string;
  expertId: string;
  reasons: RefusalReason[];
}

const REASON_CODES = new Set(['conflict', 'inactive', 'wrong_pool', 'unavailable', 'at_capacity', 'not_accepted']);

function isReason(x: unknown): x is RefusalReason {
  return typeof x === 'object' && x !== null && REASON_CODES.has((x as { code?: unknown }).code as string);
}

/** The eligibility reasons of a 409 `review.not_eligible` (its details' `reasons`). */
export function reasonsOf(details: unknown): Reason[] {
  const list = (details as { reasons?: unknown } | null | undefined)?.reasons;
  return Array.isArray(list) ? (list.filter((r) => isReason(r) && r.code !== 'not_accepted') as Reason[]) : [];
}

/** Each refused pair of a 409 `review.bulk_not_eligible` (its details' `refused`). */
export function bulkRefusalsOf(details: unknown): PairRefusal[] {
  const list = (details as { refused?: unknown } | null | undefined)?.refused;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (r): r is PairRefusal =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as PairRefusal).caseId === 'string' &&
        typeof (r as PairRefusal).expertId === 'string',
    )
    .map((r) => ({ caseId: r.caseId, expertId: r.expertId, reasons: (r.reasons ?? []).filter(isReason) }));
}

/**
 * A reason as a sentence in the language (`describeReason`); `notAccepted` is the page's text for a member who has
 * not accepted the invitation.
 */
export function reasonText(r: RefusalReason, lang: Lang, notAccepted: string): string {
  return r.code === 'not_accepted' ? notAccepted : describeReason(r, lang);
}

/** The reasons as one line ("；" in Chinese, "; " in English). */
export function reasonsLine(reasons: readonly RefusalReason[], lang: Lang, notAccepted: string): string {
  return reasons.map((r) => reasonText(r, lang, notAccepted)).join(lang === 'zh' ? '；' : '; ');
}

/** The row errors of a 422 `review.conformance_import_invalid` (its details' `errors`), in row order. */
export function conformanceErrorsOf(details: unknown): ConformanceRowError[] {
  const list = (details as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(list)) return [];
  const columns = new Set<string>(CONFORMANCE_COLUMNS);
  return list
    .filter(
      (e): e is ConformanceRowError =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as ConformanceRowError).row === 'number' &&
        typeof (e as ConformanceRowError).code === 'string',
    )
    .map((e) => ({
      row: e.row,
      code: e.code,
      ...(typeof e.column === 'string' && columns.has(e.column) ? { column: e.column as ConformanceColumn } : {}),
      ...(e.params && typeof e.params === 'object' ? { params: e.params } : {}),
    }))
    .sort((a, b) => a.row - b.row);
}

// ---------------------------------------------------------------- conformance files

/** The refusal of a file before it is sent: its type (by extension) or its size. */
export function conformanceFileProblem(
  file: { name: string; size: number },
  maxBytes: number,
  extensions: readonly string[],
):
  | { code: 'review.conformance_file_type'; params: { ext: string } }
  | { code: 'review.conformance_file_too_large'; params: { max: number } }
  | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : '';
  if (!extensions.includes(ext)) return { code: 'review.conformance_file_type', params: { ext: ext || file.name } };
  if (file.size > maxBytes)
    return { code: 'review.conformance_file_too_large', params: { max: maxBytes / 1024 / 1024 } };
  return null;
}

/** The empty template of a conformance table: the header in the canonical order, as a UTF-8 CSV with a BOM (Excel). */
export function conformanceTemplateCsv(): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${CONFORMANCE_TEMPLATE_HEADER.map(cell).join(',')}\r\n`;
}

/** A rate (0–1) as a percentage with one decimal, or '—'. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

// ---------------------------------------------------------------- the sessions list

export interface SessionFilter {
  kind: ReviewSessionKind | null;
  status: ReviewSessionStatus | null;
  q: string;
}

export type SessionSort = 'title' | 'date' | 'status' | 'progress';

const STATUS_ORDER: Record<ReviewSessionStatus, number> = { planning: 0, scoring: 1, closed: 2 };

/** The share of submitted sheets (0 without assignments). */
export function progressShare(p: { submitted: number; assigned: number }): number {
  return p.assigned > 0 ? p.submitted / p.assigned : 0;
}

/** The sessions that match the filter (kind, status, title contains), sorted (by date, latest first, unless told). */
export function filterSessions(
  list: readonly ReviewSessionSummary[],
  f: SessionFilter,
  sort: SessionSort | null,
  dir: 'asc' | 'desc' | null,
): ReviewSessionSummary[] {
  const q = f.q.trim().toLowerCase();
  const rows = list.filter(
    (s) =>
      (!f.kind || s.kind === f.kind) &&
      (!f.status || s.status === f.status) &&
      (!q || s.title.toLowerCase().includes(q)),
  );
  const key = sort ?? 'date';
  const sign = (dir ?? (sort ? 'asc' : 'desc')) === 'desc' ? -1 : 1;
  const cmp = (a: ReviewSessionSummary, b: ReviewSessionSummary): number => {
    switch (key) {
      case 'title':
        return a.title.localeCompare(b.title, 'zh-CN');
      case 'status':
        return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
      case 'progress':
        return progressShare(a.progress) - progressShare(b.progress);
      default:
        return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
    }
  };
  return rows
    .map((s, i) => ({ s, i }))
    .sort((x, y) => sign * cmp(x.s, y.s) || x.i - y.i)
    .map((x) => x.s);
}
