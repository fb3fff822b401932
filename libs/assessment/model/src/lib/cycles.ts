import { STAGE_WINDOWS } from './contracts';
import type { CycleStatus, StageWindow, StageWindowKey } from './contracts';
import { isValidDate } from '@hutong/platform-model';

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

/** Every problem of a cycle's stage windows (Chinese, for a 400): all four, real dates, start ≤ end, the order. */
export function stageWindowProblems(windows: StageWindow[]): string[] {
  const keys = windows.map((w) => w.key);
  if (keys.length !== STAGE_WINDOWS.length || STAGE_WINDOWS.some((k) => !keys.includes(k)))
    return ['必须设置四个阶段的时间窗口：自评估申报、文件审查、现场查验、结果公示'];
  const problems: string[] = [];
  const ordered = STAGE_WINDOWS.map((k) => windows.find((w) => w.key === k) as StageWindow);
  for (const w of ordered) {
    const label = STAGE_WINDOW_LABELS_ZH[w.key];
    if (!isValidDate(w.start) || !isValidDate(w.end)) problems.push(`“${label}”的日期无效`);
    else if (w.start > w.end) problems.push(`“${label}”的开始日期晚于结束日期`);
  }
  if (problems.length) return problems;
  for (const i of windowOrderProblems(ordered)) {
    const cur = ordered[i] as StageWindow;
    const prev = ordered[i - 1] as StageWindow;
    problems.push(`“${STAGE_WINDOW_LABELS_ZH[cur.key]}”须在“${STAGE_WINDOW_LABELS_ZH[prev.key]}”结束后开始`);
  }
  return problems;
}

export type CycleAction = 'close' | 'archive';

/** open → close → closed → archive → archived; anything else is refused with the reason (a 409). */
export function cycleStatusAfter(
  status: CycleStatus,
  action: CycleAction,
): { ok: true; to: CycleStatus } | { ok: false; reason: string } {
  if (status === 'archived') return { ok: false, reason: '该测评批次已归档' };
  if (action === 'close')
    return status === 'open' ? { ok: true, to: 'closed' } : { ok: false, reason: '该测评批次已关闭' };
  return status === 'closed' ? { ok: true, to: 'archived' } : { ok: false, reason: '只能归档已关闭的测评批次' };
}
