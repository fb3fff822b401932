import type { StageWindow } from './contracts';
import { cycleStatusAfter, stageWindowProblems, stageWindowRules, windowOrderProblems } from './cycles';

const w = (key: StageWindow['key'], start: string, end: string): StageWindow => ({ key, start, end });
const good = [
  w('application', '2026-01-01', '2026-01-31'),
  w('documentReview', '2026-02-01', '2026-02-28'),
  w('onsite', '2026-03-01', '2026-03-31'),
  w('results', '2026-04-01', '2026-04-30'),
];

describe('the stage-window order rule', () => {
  it('accepts windows that each start after the previous one ends', () => {
    expect(windowOrderProblems(good)).toEqual([]);
    expect(stageWindowProblems(good)).toEqual([]);
  });

  it('names the later window of an overlapping or touching pair', () => {
    const touching = [...good];
    touching[1] = w('documentReview', '2026-01-31', '2026-02-28'); // starts on the day the application window ends
    expect(windowOrderProblems(touching)).toEqual([1]);
    expect(stageWindowProblems(touching)).toEqual(['“文件审查”须在“自评估申报”结束后开始']);
  });

  it('skips a window not yet entered (the web form while typing)', () => {
    expect(windowOrderProblems([good[0], null, good[2], good[3]])).toEqual([]);
  });

  it('requires all four windows, real dates, start not after end', () => {
    expect(stageWindowProblems(good.slice(0, 3))).toEqual([
      '必须设置四个阶段的时间窗口：自评估申报、文件审查、现场查验、结果公示',
    ]);
    expect(stageWindowProblems([w('application', '2026-02-30', '2026-03-01'), ...good.slice(1)])).toContain(
      '“自评估申报”的日期无效',
    );
    expect(stageWindowProblems([w('application', '2026-01-31', '2026-01-01'), ...good.slice(1)])).toContain(
      '“自评估申报”的开始日期晚于结束日期',
    );
  });

  it('reads the windows in stage order whatever order they are given in', () => {
    expect(stageWindowProblems([...good].reverse())).toEqual([]);
  });
});

describe('cycle status', () => {
  it('closes an open cycle, archives a closed one, and refuses the rest with the reason', () => {
    expect(cycleStatusAfter('open', 'close')).toEqual({ ok: true, to: 'closed' });
    expect(cycleStatusAfter('closed', 'archive')).toEqual({ ok: true, to: 'archived' });
    expect(cycleStatusAfter('open', 'archive')).toMatchObject({ ok: false, reason: '只能归档已关闭的测评批次' });
    expect(cycleStatusAfter('closed', 'close')).toMatchObject({ ok: false, reason: '该测评批次已关闭' });
    expect(cycleStatusAfter('archived', 'close')).toMatchObject({ ok: false, reason: '该测评批次已归档' });
    expect(cycleStatusAfter('archived', 'archive')).toMatchObject({ ok: false, reason: '该测评批次已归档' });
    expect(cycleStatusAfter('open', 'archive')).toMatchObject({ code: 'cycle.archive_needs_closed' });
  });

  it('codes every stage-window problem', () => {
    expect(stageWindowRules([]).map((e) => e.code)).toEqual(['cycle.windows_incomplete']);
  });
});
