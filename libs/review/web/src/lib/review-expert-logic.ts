/**
 * The experts' pages' pure rules: the workspace's invitations and assignments (status, overdue in Asia/Shanghai,
 * filter and sort), the score sheet's leaves, parts and navigation, an entry's score within its scoring kind (the
 * one rule, `scoreOf`), what an autosave sends, the merge of a stale save, the drafts kept in sessionStorage, the
 * question form's checks and the consolidation's consensus inputs. Framework-free (no Angular): the Jest spec reads
 * them directly.
 */
import {
  BINARY_OPTIONS,
  choiceProblem,
  leaves,
  partCodeOf,
  scoreOf,
  scoringOf,
  type AnswerChoice,
  type BinaryOption,
  type IndicatorLeaf,
  type IndicatorNode,
} from '@hutong/assessment-model';
import {
  SHANGHAI,
  addDays,
  formatZhDate,
  isPastDue,
  isValidDate,
  shanghaiDate,
  type Lang,
} from '@hutong/platform-model';
import { cleanTags } from './review-office-logic';
import type {
  ConsolidationView,
  ExpertView,
  MyAssignment,
  ReviewSessionSummary,
  ReviewSessionView,
  SheetEntryView,
} from '@hutong/review-model';
import { formatInTimeZone } from 'date-fns-tz';

export type Entries = Record<string, SheetEntryView>;

// ---------------------------------------------------------------- dates

/** A calendar date (yyyy-MM-dd) or an instant as people read it: `2026年12月15日` / `Dec 15, 2026` (Asia/Shanghai). */
export function formatDay(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const d = isValidDate(value) ? new Date(`${value}T12:00:00+08:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return lang === 'zh' ? formatZhDate(isValidDate(value) ? value : d) : formatInTimeZone(d, SHANGHAI, 'MMM d, yyyy');
}

/** HH:mm:ss in China Standard Time (the autosave's status line). */
export function clockInChina(now: Date = new Date()): string {
  return formatInTimeZone(now, SHANGHAI, 'HH:mm:ss');
}

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

// ---------------------------------------------------------------- the workspace

/** My invitations still to answer: the sessions whose panel invited me and that I have not answered. */
export function invitationsOf(sessions: readonly ReviewSessionSummary[]): ReviewSessionSummary[] {
  return sessions.filter((s) => s.me?.status === 'invited' && s.status !== 'closed');
}

export type AssignmentStatus = 'open' | 'overdue' | 'submitted';
export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['open', 'overdue', 'submitted'];

/** Past the scoring due date (its end in Asia/Shanghai) and not submitted. */
export function isOverdue(a: Pick<MyAssignment, 'scoringDue' | 'submittedAt'>, now: Date): boolean {
  return !a.submittedAt && isValidDate(a.scoringDue) && isPastDue(a.scoringDue, now);
}

export function assignmentStatus(a: Pick<MyAssignment, 'scoringDue' | 'submittedAt'>, now: Date): AssignmentStatus {
  if (a.submittedAt) return 'submitted';
  return isOverdue(a, now) ? 'overdue' : 'open';
}

/**
 * The assignments with a status (null: all; 'open' counts the overdue ones too — they are not submitted either),
 * by due date (ascending unless told), then session and applicant.
 */
export function filterAssignments(
  list: readonly MyAssignment[],
  status: AssignmentStatus | null,
  dir: 'asc' | 'desc' | null,
  now: Date,
): MyAssignment[] {
  const rows = list.filter((a) => {
    if (!status) return true;
    const s = assignmentStatus(a, now);
    return status === 'open' ? s !== 'submitted' : s === status;
  });
  const sign = dir === 'desc' ? -1 : 1;
  return rows
    .map((a, i) => ({ a, i }))
    .sort(
      (x, y) =>
        sign * (x.a.scoringDue < y.a.scoringDue ? -1 : x.a.scoringDue > y.a.scoringDue ? 1 : 0) ||
        x.a.sessionTitle.localeCompare(y.a.sessionTitle, 'zh-CN') ||
        x.a.organisationName.localeCompare(y.a.organisationName, 'zh-CN') ||
        x.i - y.i,
    )
    .map((x) => x.a);
}

/** The share scored, 0–100 (0 without items). */
export function progressPercent(scored: number, items: number): number {
  return items > 0 ? Math.round((Math.min(scored, items) / items) * 100) : 0;
}

// ---------------------------------------------------------------- the sheet: leaves and parts

/** The leaves the sheet scores, in the tree's order (`items`: statistics-only ones are not on it). */
export function sheetLeaves(tree: IndicatorNode[], items: readonly string[]): IndicatorLeaf[] {
  const on = new Set(items);
  return leaves(tree).filter((l) => on.has(l.code));
}

function findNode(nodes: IndicatorNode[], code: string): IndicatorNode | null {
  for (const n of nodes) {
    if (n.code === code) return n;
    const found = findNode(n.children, code);
    if (found) return found;
  }
  return null;
}

/** An entry's score within the leaf's kind: from the choice by the one rule (`scoreOf`), typed for 'scale'. */
export function withScore(leaf: IndicatorNode, e: SheetEntryView): SheetEntryView {
  if (scoringOf(leaf) === 'scale') return { score: e.score ?? null, comment: e.comment ?? '' };
  const out: SheetEntryView = { score: e.choice ? scoreOf(leaf, e.choice) : null, comment: e.comment ?? '' };
  if (e.choice) out.choice = e.choice;
  return out;
}

export type EntryProblem = 'range' | 'invalid';

/** Why an entry cannot be saved (null: it can): a typed score outside 0–points, a choice the kind refuses. */
export function entryProblem(leaf: IndicatorNode, e: SheetEntryView | undefined): EntryProblem | null {
  if (!e) return null;
  if (scoringOf(leaf) === 'scale') {
    const s = e.score;
    if (s === null || s === undefined) return null;
    return Number.isFinite(s) && s >= 0 && s <= leaf.points + 1e-9 ? null : 'range';
  }
  if (!e.choice) return null;
  const p = choiceProblem(leaf, e.choice);
  if (!p) return null;
  return p === 'choice.share_invalid' || p === 'choice.count_invalid' ? 'range' : 'invalid';
}

/** Scored: a valid entry with a score (what the api counts). */
export function isEntryScored(leaf: IndicatorNode, e: SheetEntryView | undefined): boolean {
  return !!e && entryProblem(leaf, e) === null && typeof withScore(leaf, e).score === 'number';
}

export interface SheetPart {
  code: string;
  title: string;
  categoryCode: string;
  categoryTitle: string;
  /** the part's leaves on the sheet, in order */
  codes: string[];
  total: number;
  scored: number;
}

/** The sheet's parts (二级指标) in order, with their leaves and how many of them are scored. */
export function sheetParts(tree: IndicatorNode[], sheet: readonly IndicatorLeaf[], entries: Entries): SheetPart[] {
  const parts: SheetPart[] = [];
  const byCode = new Map<string, SheetPart>();
  for (const leaf of sheet) {
    const code = partCodeOf(leaf.code);
    let part = byCode.get(code);
    if (!part) {
      const categoryCode = code.split('.')[0] ?? code;
      part = {
        code,
        title: findNode(tree, code)?.title ?? leaf.path[1] ?? leaf.title,
        categoryCode,
        categoryTitle: findNode(tree, categoryCode)?.title ?? leaf.path[0] ?? '',
        codes: [],
        total: 0,
        scored: 0,
      };
      byCode.set(code, part);
      parts.push(part);
    }
    part.codes.push(leaf.code);
    part.total++;
    if (isEntryScored(leaf, entries[leaf.code])) part.scored++;
  }
  return parts;
}

/** The codes not scored yet, in the sheet's order. */
export function unscoredCodes(sheet: readonly IndicatorLeaf[], entries: Entries): string[] {
  return sheet.filter((l) => !isEntryScored(l, entries[l.code])).map((l) => l.code);
}

/** The code `delta` steps from `current` in `codes` (clamped at the ends); the first when `current` is not there. */
export function stepCode(codes: readonly string[], current: string | null, delta: number): string | null {
  if (!codes.length) return null;
  const i = current === null ? -1 : codes.indexOf(current);
  if (i < 0) return codes[delta < 0 ? codes.length - 1 : 0] ?? null;
  return codes[Math.max(0, Math.min(codes.length - 1, i + delta))] ?? null;
}

/** The binary options a leaf offers, as the documents print them: 无此业务 only for optional (选测) items — unless it is the answer already. */
export function binaryOptionsFor(leaf: Pick<IndicatorNode, 'optional'>, current?: BinaryOption | null): BinaryOption[] {
  return BINARY_OPTIONS.filter((o) => o !== 'no_business' || leaf.optional || current === 'no_business');
}

/** The control a leaf's score takes (as the self-assessment's answerForm): options, a share, a count, a level, a score. */
export function scoreForm(leaf: IndicatorNode): 'options' | 'share' | 'count' | 'level' | 'score' {
  switch (scoringOf(leaf)) {
    case 'binary':
      return 'options';
    case 'count':
      return 'count';
    case 'tiered':
      return leaf.proportional ? 'share' : leaf.minCountByLevel ? 'count' : 'level';
    default:
      return 'score';
  }
}

/** A number typed in an input (empty: null; not a number: NaN, which entryProblem refuses). */
export function parseNumber(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return raw;
  const s = raw.trim().replace(/,/g, '.');
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The choice a typed number makes for the leaf's form (share in percent), or null when cleared. */
export function choiceFromNumber(form: 'share' | 'count', n: number | null): AnswerChoice | null {
  if (n === null) return null;
  return form === 'share' ? { share: n / 100 } : { count: n };
}

// ---------------------------------------------------------------- the sheet: saving

function sameChoice(a: AnswerChoice | null | undefined, b: AnswerChoice | null | undefined): boolean {
  const norm = (c: AnswerChoice | null | undefined) =>
    c
      ? JSON.stringify([c.option ?? null, c.level === undefined ? '-' : c.level, c.count ?? null, c.share ?? null])
      : null;
  return norm(a) === norm(b);
}

/** The same entry as the api keeps it (the comment is trimmed there). */
export function sameEntry(a: SheetEntryView | undefined, b: SheetEntryView | undefined): boolean {
  const ea = a ?? { score: null, comment: '' };
  const eb = b ?? { score: null, comment: '' };
  return (
    (ea.score ?? null) === (eb.score ?? null) &&
    sameChoice(ea.choice, eb.choice) &&
    (ea.comment ?? '').trim() === (eb.comment ?? '').trim()
  );
}

/**
 * The merge of a stale save (409 `review.sheet_stale`) and of a save's answer: the server's entries for everything,
 * except the codes in `keep` (my edits it does not have yet), which stay as I typed them.
 */
export function mergeEntries(server: Entries, local: Entries, keep: Iterable<string>): Entries {
  const out: Entries = { ...server };
  for (const code of keep) {
    const mine = local[code];
    if (mine) out[code] = mine;
  }
  return out;
}

/** The codes still to send: the edited ones whose entry differs from the server's. */
export function stillDirty(server: Entries, local: Entries, dirty: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const code of dirty) if (!sameEntry(local[code], server[code])) out.add(code);
  return out;
}

/** One changed indicator as the api takes it (SheetEntryDto): a choice for the kinds that have one, else a score. */
export interface SheetEntryInput {
  itemCode: string;
  score?: number | null;
  choice?: AnswerChoice | null;
  comment: string;
}

export function entryInput(leaf: IndicatorNode, e: SheetEntryView | undefined): SheetEntryInput {
  const comment = (e?.comment ?? '').slice(0, 2000);
  if (scoringOf(leaf) === 'scale') return { itemCode: leaf.code, score: e?.score ?? null, comment };
  return { itemCode: leaf.code, choice: e?.choice ?? null, comment };
}

/**
 * What an autosave sends: the dirty codes whose entry is valid (an invalid one waits, kept as typed, until it is
 * fixed), as SheetEntryInputs; and the dirty codes held back.
 */
export function saveBatch(
  sheet: readonly IndicatorLeaf[],
  entries: Entries,
  dirty: ReadonlySet<string>,
): { send: SheetEntryInput[]; held: string[] } {
  const send: SheetEntryInput[] = [];
  const held: string[] = [];
  for (const leaf of sheet) {
    if (!dirty.has(leaf.code)) continue;
    if (entryProblem(leaf, entries[leaf.code])) held.push(leaf.code);
    else send.push(entryInput(leaf, entries[leaf.code]));
  }
  return { send, held };
}

/** The current sheet a 409 `review.sheet_stale` carries in its details, or null. */
export function staleSheetOf(body: { code?: string; details?: unknown } | null | undefined): {
  version: number;
  entries: Entries;
} | null {
  if (body?.code !== 'review.sheet_stale') return null;
  const d = body.details as { version?: unknown; entries?: unknown } | null | undefined;
  if (!d || typeof d.version !== 'number' || typeof d.entries !== 'object' || d.entries === null) return null;
  return { version: d.version, entries: d.entries as Entries };
}

/** The unscored items a 422 `review.sheet_incomplete` names (its details' `items`), or null. */
export function incompleteItemsOf(body: { code?: string; details?: unknown } | null | undefined): string[] | null {
  if (body?.code !== 'review.sheet_incomplete') return null;
  const items = (body.details as { items?: unknown } | null | undefined)?.items;
  return Array.isArray(items) ? items.filter((x): x is string => typeof x === 'string') : [];
}

// ---------------------------------------------------------------- the sheet: drafts in sessionStorage

export interface StoredDraft {
  version: number;
  entries: Entries;
}

export const draftKey = (assignmentId: string) => `hutong.review.sheet.${assignmentId}`;

/** The unsaved edits kept for an assignment (null when none or unreadable). */
export function readDraft(storage: Pick<Storage, 'getItem'> | null, assignmentId: string): StoredDraft | null {
  try {
    const raw = storage?.getItem(draftKey(assignmentId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredDraft>;
    if (typeof v.version !== 'number' || typeof v.entries !== 'object' || v.entries === null) return null;
    const entries: Entries = {};
    for (const [code, e] of Object.entries(v.entries as Record<string, unknown>)) {
      if (typeof e !== 'object' || e === null) continue;
      const x = e as Partial<SheetEntryView>;
      entries[code] = {
        score: typeof x.score === 'number' ? x.score : null,
        comment: typeof x.comment === 'string' ? x.comment : '',
        ...(x.choice && typeof x.choice === 'object' ? { choice: x.choice } : {}),
      };
    }
    return { version: v.version, entries };
  } catch {
    return null;
  }
}

/** Keeps the unsaved edits (removes the key when there are none). */
export function writeDraft(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null,
  assignmentId: string,
  version: number,
  entries: Entries,
  dirty: Iterable<string>,
): void {
  try {
    const kept: Entries = {};
    for (const code of dirty) if (entries[code]) kept[code] = entries[code];
    if (Object.keys(kept).length) storage?.setItem(draftKey(assignmentId), JSON.stringify({ version, entries: kept }));
    else storage?.removeItem(draftKey(assignmentId));
  } catch {
    // storage full or unavailable: the edits stay in the page
  }
}

/**
 * The sheet as loaded with the kept edits restored on top: the kept entries of codes on the sheet that differ from
 * the server's win (they are what I typed and the server never got); the rest is the server's.
 */
export function restoreDraft(
  server: Entries,
  draft: StoredDraft | null,
  sheetCodes: readonly string[],
): { entries: Entries; dirty: Set<string> } {
  if (!draft) return { entries: { ...server }, dirty: new Set() };
  const on = new Set(sheetCodes);
  const codes = Object.keys(draft.entries).filter((c) => on.has(c));
  const dirty = stillDirty(server, draft.entries, codes);
  return { entries: mergeEntries(server, draft.entries, dirty), dirty };
}

// ---------------------------------------------------------------- questions

export const QUESTION_MAX = 2000;
export const QUESTION_DUE_DAYS = 5;

/** The default answer date of a question: five days on (Asia/Shanghai). */
export function defaultQuestionDue(now: Date = new Date()): string {
  return addDays(shanghaiDate(now), QUESTION_DUE_DAYS);
}

/** Why a question cannot be sent: no text, too long, no date, a date not after today (Asia/Shanghai). */
export function questionProblems(
  text: string,
  due: string | null,
  now: Date = new Date(),
): { text?: 'required' | 'tooLong'; due?: 'required' | 'notAfterToday' } {
  const out: { text?: 'required' | 'tooLong'; due?: 'required' | 'notAfterToday' } = {};
  const t = text.trim();
  if (!t) out.text = 'required';
  else if (t.length > QUESTION_MAX) out.text = 'tooLong';
  if (!due) out.due = 'required';
  else if (due <= shanghaiDate(now)) out.due = 'notAfterToday';
  return out;
}

// ---------------------------------------------------------------- consolidation

/** Why a consensus typed for an item is refused: empty, not a number, outside 0–points. */
export function consensusProblem(value: number | null, points: number): 'required' | 'range' | null {
  if (value === null) return 'required';
  if (!Number.isFinite(value) || value < 0 || value > points + 1e-9) return 'range';
  return null;
}

/** The consensus an item shows: the typed one, else the saved one, else the median. */
export function shownConsensus(
  item: ConsolidationView['items'][number],
  typed: number | null | undefined,
): number | null {
  if (typed !== undefined) return typed;
  return item.consensus ?? item.stats.median;
}

/** The items (optionally only divergent ones) — an item with a typed change stays shown. */
export function consolidationRows(
  view: ConsolidationView,
  divergentOnly: boolean,
  typed: Readonly<Record<string, number | null>>,
): ConsolidationView['items'] {
  return divergentOnly ? view.items.filter((i) => i.stats.divergent || i.code in typed) : view.items;
}

/** The typed consensus values that differ from what the view has (what a save sends). */
export function changedConsensus(
  view: ConsolidationView,
  typed: Readonly<Record<string, number | null>>,
): { itemCode: string; score: number }[] {
  const out: { itemCode: string; score: number }[] = [];
  for (const item of view.items) {
    const v = typed[item.code];
    if (v === undefined || v === null || consensusProblem(v, item.points)) continue;
    if (v !== item.consensus) out.push({ itemCode: item.code, score: v });
  }
  return out;
}

/** The typed values still different from a (re)loaded view: the rest are dropped (the server has them). */
export function keepTyped(
  view: ConsolidationView,
  typed: Readonly<Record<string, number | null>>,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const item of view.items) {
    const v = typed[item.code];
    if (v !== undefined && v !== item.consensus) out[item.code] = v;
  }
  return out;
}

/** Each expert's assignment on the case, from the session's view (the reopen action needs it). */
export function assignmentIdsOf(session: ReviewSessionView | null | undefined, caseId: string): Map<string, string> {
  const c = session?.cases.find((x) => x.id === caseId);
  return new Map((c?.assignments ?? []).map((a) => [a.expertId, a.assignmentId]));
}

/** A score as printed: up to four decimals, '—' for none. */
export function points(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 10000) / 10000);
}

/** A label of the review model's vocabulary in the language (English capitalised, as a tag or a cell shows it). */
export function vocabulary<K extends string>(labels: Record<K, { zh: string; en: string }>, k: K, lang: Lang): string {
  const l = labels[k];
  if (!l) return k;
  return lang === 'zh' ? l.zh : l.en.charAt(0).toUpperCase() + l.en.slice(1);
}

// ---------------------------------------------------------------- my profile (ties and unavailable dates)

/** A date range being typed: either end may still be missing. */
export interface RangeDraft {
  from: string | null;
  to: string | null;
}

export type RangeProblem = 'incomplete' | 'order';

/** Per range (by index) what is wrong with it; empty when every range can be saved. */
export function rangeProblems(ranges: readonly RangeDraft[]): Record<number, RangeProblem> {
  const out: Record<number, RangeProblem> = {};
  ranges.forEach((r, i) => {
    if (!r.from || !r.to) out[i] = 'incomplete';
    else if (r.to < r.from) out[i] = 'order';
  });
  return out;
}

/**
 * What "save" sends of my profile (ExpertSelfDto): only the fields that changed — the vendor ties cleaned, the
 * ranges sorted by their first day; null when nothing changed. Call only when `rangeProblems` is empty.
 */
export function profileChanges(
  saved: Pick<ExpertView, 'vendorTies' | 'unavailable'>,
  vendors: readonly string[],
  ranges: readonly RangeDraft[],
): { vendorTies?: string[]; unavailable?: { from: string; to: string }[] } | null {
  const vendorTies = cleanTags(vendors);
  const unavailable = ranges
    .filter((r): r is { from: string; to: string } => !!r.from && !!r.to)
    .map((r) => ({ from: r.from, to: r.to }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1));
  const out: { vendorTies?: string[]; unavailable?: { from: string; to: string }[] } = {};
  if (JSON.stringify(vendorTies) !== JSON.stringify(saved.vendorTies)) out.vendorTies = vendorTies;
  const before = [...saved.unavailable].sort((a, b) => (a.from < b.from ? -1 : 1));
  if (JSON.stringify(unavailable) !== JSON.stringify(before.map((r) => ({ from: r.from, to: r.to }))))
    out.unavailable = unavailable;
  return Object.keys(out).length ? out : null;
}
