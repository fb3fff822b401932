/**
 * Data quality as the 2020 regional scheme scores a platform (item 5.2.2.1, indicators 5.2.2.1-3 … -7): logic,
 * timeliness, completeness against 卫统, stability and accuracy, each 0.1 × the measured share at the level
 * thresholds — scored by the assessment's own rule (`scoreOf` of @hutong/assessment-model: a rule written once),
 * so that what the monitoring shows a platform is what its self-assessment would score.
 */
import { scoreOf, type AnswerChoice, type IndicatorNode, type Level } from '@hutong/assessment-model';
import type { TimelinessClass } from './metrics';

/** The measured shares (0…1) and the timeliness class; null where not measured. */
export interface QualityMeasures {
  /** records with their reports / details ÷ records checked */
  logic: number | null;
  timeliness: TimelinessClass | null;
  /** 符合度 of uploaded against 卫统 volumes */
  completeness: number | null;
  /** days without interruption ÷ days (a month: 2 days down → 28/30) */
  stability: number | null;
  /** fields inside their value domains ÷ fields checked */
  accuracy: number | null;
}

/** The indicator of the regional scheme each measure answers. */
export const QUALITY_ITEMS: Record<keyof QualityMeasures, string> = {
  logic: '5.2.2.1-3',
  timeliness: '5.2.2.1-4',
  completeness: '5.2.2.1-5',
  stability: '5.2.2.1-6',
  accuracy: '5.2.2.1-7',
};

/** T → 五级乙等 (0.1), T+1 → 四级甲等 (0.08), T+2 → 四级乙等 (0.06): the levels the indicator ties them to. */
const TIMELINESS_LEVEL: Record<TimelinessClass, Level> = { T: '5B', 'T+1': '4A', 'T+2': '4B' };

/** 符合度 of an uploaded count against the 卫统 count: 1 − |uploaded − actual| ÷ actual, within 0…1. */
export function agreement(uploaded: number, actual: number): number | null {
  if (!(actual > 0)) return null;
  return Math.max(0, Math.min(1, 1 - Math.abs(uploaded - actual) / actual));
}

export interface QualityScore {
  measure: keyof QualityMeasures;
  code: string;
  title: string;
  points: number;
  /** the answer as the self-assessment would take it */
  choice: AnswerChoice | null;
  score: number | null;
}

function leafOf(tree: IndicatorNode[], code: string): IndicatorNode | null {
  for (const n of tree) {
    if (n.code === code && !n.children.length) return n;
    const inner = leafOf(n.children, code);
    if (inner) return inner;
  }
  return null;
}

/** The five scores for a platform from its measures, against the regional scheme's tree (items it lacks are left out). */
export function qualityScores(tree: IndicatorNode[], m: QualityMeasures): QualityScore[] {
  const out: QualityScore[] = [];
  for (const measure of Object.keys(QUALITY_ITEMS) as (keyof QualityMeasures)[]) {
    const leaf = leafOf(tree, QUALITY_ITEMS[measure]);
    if (!leaf) continue;
    const v = m[measure];
    const choice: AnswerChoice | null =
      v === null
        ? null
        : measure === 'timeliness'
          ? { level: TIMELINESS_LEVEL[v as TimelinessClass] }
          : { share: v as number };
    out.push({
      measure,
      code: leaf.code,
      title: leaf.title,
      points: leaf.points,
      choice,
      score: choice ? scoreOf(leaf, choice) : null,
    });
  }
  return out;
}
