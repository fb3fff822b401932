import type { ApplicationState, StageWindow, StageWindowKey } from './contracts';

/** Where the due date of a state's step comes from: a window's first or last day, or the return deadline. */
export type DueRule =
  | { from: 'window_end'; window: StageWindowKey }
  | { from: 'window_start'; window: StageWindowKey }
  | { from: 'return_deadline' };

/**
 * The one due-date rule, as data: the application window for a draft, the opening of the document
 * review for the completeness check, the coordinator's return deadline for a returned application,
 * and the end of the stage's window for the conformance test and document review, on-site inspection
 * and rating. States not listed have no due date (a referral waits for the national body, with no date
 * the process sets). `dueDateOf` reads it in code; the board's query builds its SQL from it.
 */
export const DUE_RULES: Partial<Record<ApplicationState, DueRule>> = {
  draft: { from: 'window_end', window: 'application' },
  submitted: { from: 'window_start', window: 'documentReview' },
  completeness_check: { from: 'window_start', window: 'documentReview' },
  returned: { from: 'return_deadline' },
  // stage 2 (文件审查) holds the conformance test and the document review: both by the end of its window
  conformance_testing: { from: 'window_end', window: 'documentReview' },
  document_review: { from: 'window_end', window: 'documentReview' },
  onsite: { from: 'window_end', window: 'onsite' },
  rating: { from: 'window_end', window: 'results' },
};

/** The Asia/Shanghai date (yyyy-MM-dd) by which the application's current step is due, if the step has one. */
export function dueDateOf(
  state: ApplicationState,
  windows: StageWindow[],
  returnDeadline: string | null,
): string | null {
  const rule = DUE_RULES[state];
  if (!rule) return null;
  if (rule.from === 'return_deadline') return returnDeadline;
  const w = windows.find((x) => x.key === rule.window);
  if (!w) return null;
  return rule.from === 'window_end' ? w.end : w.start;
}
