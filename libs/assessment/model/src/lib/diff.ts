import type { Answer, AnswerChange, AnswerChoice, BinaryOption, EvidenceView } from './contracts';
import { ASSESSMENT_LEVEL_LABELS_ZH } from './levels';
import { compareCodes } from './schemes';

/** The answer options as the documents print them. */
export const BINARY_OPTION_LABELS_ZH: Record<BinaryOption, string> = {
  no_data: '无此数据',
  full: '有且完全符合国家标准',
  partial: '有，部分符合国家标准',
  no_business: '无此业务',
};

/** A chosen answer as the documents would print it ("有且完全符合国家标准", "四级乙等", "5项", "93.3%"); null if none. */
export function describeChoice(choice: AnswerChoice | null | undefined): string | null {
  if (!choice) return null;
  if (choice.option) return BINARY_OPTION_LABELS_ZH[choice.option];
  if (choice.share !== undefined) return `${Math.round(choice.share * 1000) / 10}%`;
  if (choice.count !== undefined) return `${choice.count}项`;
  if (choice.level !== undefined)
    return choice.level === null ? '未达到任何等级要求' : ASSESSMENT_LEVEL_LABELS_ZH[choice.level];
  return null;
}

export interface VersionContent {
  answers: Answer[];
  evidence: EvidenceView[];
}

/** The evidence of one item as a comparable string: sorted "fileName (sha256 prefix)" joined by "、"; null if none. */
export function evidenceSignature(evidence: EvidenceView[], itemCode: string): string | null {
  const files = evidence
    .filter((e) => e.itemCode === itemCode)
    .map((e) => `${e.fileName} (${e.sha256.slice(0, 8)})`)
    .sort();
  return files.length ? files.join('、') : null;
}

/** Changes from version `a` to version `b`, per item (choice, selfScore, statement, evidence), ordered by item code. */
export function diffVersions(a: VersionContent, b: VersionContent): AnswerChange[] {
  const codes = new Set<string>();
  for (const v of [a, b]) {
    v.answers.forEach((x) => codes.add(x.itemCode));
    v.evidence.forEach((x) => codes.add(x.itemCode));
  }
  const answerOf = (v: VersionContent, code: string): Answer | undefined => v.answers.find((x) => x.itemCode === code);
  const out: AnswerChange[] = [];
  for (const code of [...codes].sort(compareCodes)) {
    const x = answerOf(a, code);
    const y = answerOf(b, code);
    const cx = describeChoice(x?.choice);
    const cy = describeChoice(y?.choice);
    if (cx !== cy) out.push({ itemCode: code, field: 'choice', before: cx, after: cy });
    const sx = x?.selfScore ?? null;
    const sy = y?.selfScore ?? null;
    if (sx !== sy) out.push({ itemCode: code, field: 'selfScore', before: sx, after: sy });
    const tx = x ? x.statement : null;
    const ty = y ? y.statement : null;
    if ((tx ?? '') !== (ty ?? '')) out.push({ itemCode: code, field: 'statement', before: tx, after: ty });
    const ex = evidenceSignature(a.evidence, code);
    const ey = evidenceSignature(b.evidence, code);
    if (ex !== ey) out.push({ itemCode: code, field: 'evidence', before: ex, after: ey });
  }
  return out;
}
