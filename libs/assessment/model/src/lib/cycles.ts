import { STAGE_WINDOWS } from './contracts';
import type { CycleStatus, StageWindow, StageWindowKey } from './contracts';
import { isValidDate, renderMessage, type DomainError } from '@hutong/platform-model';
import { ASSESSMENT_CATALOGUE, assessmentError, type AssessmentMessageCode } from './messages';

export const STAGE_WINDOW_LABELS_ZH: Record<StageWindowKey, string> = {
  application: '自评估申报',
  documentReview: '文件审查',
  onsite: '现场查验',
  results: '结果公示',
};

/**
 * The stage-window order rule, written once for the api and the web: the windows follow the stages
 * (自评估申报 → 文件审查 → 现场查验 → 结果公示) and each starts after the previous one ends — they never overlap
 * and never touch (a day belongs to one stage). Given the windows in stage order (null for one not entered yet,
 * which is skipped), returns the indices of the windows that start on or before the end of the previous one.
 */
export function windowOrderProblems(windows: (Pick<StageWindow, 'start' | 'end'> | null | undefined)[]): number[] {
  const bad: number[] = [];
  for (let i = 1; i < windows.length; i++) {
    const prev = windows[i - 1];
    const cur = windows[i];
    if (!prev?.end || !cur?.start) continue;
    if (cur.start <= prev.end) bad.push(i);
  }
  return bad;
}

/** Every problem of a cycle's stage windows, coded (for a 400): all four, real dates, start ≤ end, the order. */
export function stageWindowRules(windows: StageWindow[]): DomainError[] {
  const keys = windows.map((w) => w.key);
  if (keys.length !== STAGE_WINDOWS.length || STAGE_WINDOWS.some((k) => !keys.includes(k)))
    return [assessmentError('cycle.windows_incomplete')];
  const problems: DomainError[] = [];
  const ordered = STAGE_WINDOWS.map((k) => windows.find((w) => w.key === k) as StageWindow);
  for (const w of ordered) {
    if (!isValidDate(w.start) || !isValidDate(w.end))
      problems.push(assessmentError('cycle.window_date_invalid', { window: w.key }));
    else if (w.start > w.end) problems.push(assessmentError('cycle.window_reversed', { window: w.key }));
  }
  if (problems.length) return problems;
  for (const i of windowOrderProblems(ordered)) {
    const cur = ordered[i] as StageWindow;
    const prev = ordered[i - 1] as StageWindow;
    problems.push(assessmentError('cycle.window_order', { window: cur.key, previous: prev.key }));
  }
  return problems;
}

/** stageWindowRules in Chinese. */
export function stageWindowProblems(windows: StageWindow[]): string[] {
  return stageWindowRules(windows).map((e) => renderMessage(ASSESSMENT_CATALOGUE, e.code, e.params, 'zh') ?? e.code);
}

export type CycleAction = 'close' | 'archive';

/** open → close → closed → archive → archived; anything else is refused with the reason (a 409). */
export function cycleStatusAfter(
  status: CycleStatus,
  action: CycleAction,
): { ok: true; to: CycleStatus } | { ok: false; code: AssessmentMessageCode; reason: string } {
  const no = (code: AssessmentMessageCode) => ({
    ok: false as const,
    code,
    reason: renderMessage(ASSESSMENT_CATALOGUE, code, {}, 'zh') ?? code,
  });
  if (status === 'archived') return no('cycle.archived');
  if (action === 'close') return status === 'open' ? { ok: true, to: 'closed' } : no('cycle.already_closed');
  return status === 'closed' ? { ok: true, to: 'archived' } : no('cycle.archive_needs_closed');
}
