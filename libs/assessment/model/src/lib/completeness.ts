import type { Answer, MissingItem } from './contracts';
import { compareCodes, type IndicatorLeaf } from './schemes';
import { choiceProblem, scoringOf } from './scoring';

/**
 * What is still missing before a self-assessment can be submitted, for every required leaf (see leavesUpTo):
 * an answer within the leaf's scoring kind (the printed options, a level, a count — see choiceProblem) or, for a
 * 'scale' leaf, a self-score in [0, points] and a non-blank statement; when evidenceRequired, at least one
 * evidence file. A statement is optional for the 2020 kinds (the option is the answer).
 * Ordered by item code (natural numeric order), then selfScore, statement, evidence.
 */
export function missingForSubmit(
  required: IndicatorLeaf[],
  answers: Answer[],
  evidenceItemCodes: string[],
): MissingItem[] {
  const byCode = new Map(answers.map((a) => [a.itemCode, a]));
  const withEvidence = new Set(evidenceItemCodes);
  const out: MissingItem[] = [];
  for (const leaf of [...required].sort((a, b) => compareCodes(a.code, b.code))) {
    const answer = byCode.get(leaf.code);
    const score = answer?.selfScore;
    const base = { itemCode: leaf.code, title: leaf.title };
    const kind = scoringOf(leaf);
    if (kind === 'scale') {
      if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > leaf.points)
        out.push({ ...base, what: 'selfScore' });
      if (!answer || answer.statement.trim() === '') out.push({ ...base, what: 'statement' });
    } else if (kind !== 'info' && choiceProblem(leaf, answer?.choice) !== null) {
      out.push({ ...base, what: 'selfScore' });
    }
    if (leaf.evidenceRequired && !withEvidence.has(leaf.code)) out.push({ ...base, what: 'evidence' });
  }
  return out;
}

const WHAT_ZH: Record<MissingItem['what'], string> = {
  selfScore: '自评分',
  statement: '自评说明',
  evidence: '证明材料',
};

/** "1.1.1 标题：缺少证明材料" — one line per missing item. */
export function describeMissing(m: MissingItem): string {
  return `${m.itemCode} ${m.title}：缺少${WHAT_ZH[m.what]}`;
}

/** One unfinished item and everything it still lacks. */
export interface IncompleteItem {
  itemCode: string;
  title: string;
  what: MissingItem['what'][];
}

export interface Completeness {
  /** required items */
  total: number;
  /** items with nothing missing */
  done: number;
  /** one entry per unfinished item, in item order: total = done + items.length */
  items: IncompleteItem[];
  /** the same, one entry per missing thing (what a refused submit returns) */
  missing: MissingItem[];
}

/** The completeness of a self-assessment: every count a page shows comes from this one result. */
export function completenessOf(
  required: IndicatorLeaf[],
  answers: Answer[],
  evidenceItemCodes: string[],
): Completeness {
  const missing = missingForSubmit(required, answers, evidenceItemCodes);
  const items: IncompleteItem[] = [];
  for (const m of missing) {
    const last = items[items.length - 1];
    if (last && last.itemCode === m.itemCode) last.what.push(m.what);
    else items.push({ itemCode: m.itemCode, title: m.title, what: [m.what] });
  }
  return { total: required.length, done: required.length - items.length, items, missing };
}

/** The number of unfinished items in a list of missing things. */
export function incompleteItemCount(missing: MissingItem[]): number {
  return new Set(missing.map((m) => m.itemCode)).size;
}
