import type { Answer, AnswerChange, EvidenceView } from './contracts';
import { compareCodes } from './schemes';

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

/** Changes from version `a` to version `b`, per item (selfScore, statement, evidence), ordered by item code. */
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
