import { isScored, leavesUpTo, type IndicatorLeaf, type IndicatorNode, type Level } from '@hutong/assessment-model';
import type { ReviewSessionKind } from './views';

/**
 * The items a panel scores on an application (its score sheet, its checklist): the leaves up to the target level,
 * statistics-only items left out; on site only the 定性 indicators — the document's C3.3: the on-site panel
 * inspects the qualitative indicators, the standard-conformance test measured the quantitative parts (data sets,
 * shared documents, interaction services, performance), whose document-review consensus stands.
 */
export function sheetItemsOf(tree: IndicatorNode[], target: Level, kind: ReviewSessionKind): IndicatorLeaf[] {
  const items = leavesUpTo(tree, target).filter(isScored);
  return kind === 'onsite' ? items.filter((l) => l.method !== 'quantitative') : items;
}
