import { countedDays, institutionMetrics, rollup, tierOf, timelinessOf, type DailyTableCount } from './metrics';

const REQUIRED_51 = Array.from({ length: 51 }, (_, i) => `TB_${String(i + 1).padStart(2, '0')}`);
const Q = { from: '2026-10-01', to: '2026-12-31' };

describe('tiers (梯队) at the 60% / 40% thresholds of 51 required tables', () => {
  it.each([
    [51, 1],
    [31, 1],
    [30, 2],
    [21, 2],
    [20, 3],
    [1, 3],
  ])('%i of 51 tables → tier %i', (uploaded, tier) => {
    expect(tierOf(uploaded, 51, 1000)).toBe(tier);
  });
  it('puts an institution without a record in the period in tier 4, whatever the tables', () => {
    expect(tierOf(0, 51, 0)).toBe(4);
    expect(tierOf(31, 51, 0)).toBe(4);
  });
  it('takes other thresholds as settings', () => {
    expect(tierOf(40, 51, 1, { first: 0.8, second: 0.5 })).toBe(2);
    expect(tierOf(41, 51, 1, { first: 0.8, second: 0.5 })).toBe(1);
  });
});

describe('periods read as of a date (Asia/Shanghai calendar days)', () => {
  it('counts the days of the period up to the as-of date', () => {
    expect(countedDays(Q, '2026-12-31')).toHaveLength(92);
    expect(countedDays(Q, '2027-02-01')).toHaveLength(92);
    expect(countedDays(Q, '2026-10-10')).toHaveLength(10);
    expect(countedDays(Q, '2026-09-30')).toEqual([]);
    // a month across the daylight-saving-free Shanghai calendar, February of a leap year included
    expect(countedDays({ from: '2028-02-01', to: '2028-02-29' }, '2028-03-01')).toHaveLength(29);
    expect(() => countedDays({ from: '2026-10-02', to: '2026-10-01' }, '2026-10-05')).toThrow(RangeError);
  });
});

describe('an institution’s metrics', () => {
  // 31 of the 51 tables, every day of October but the 5th and 6th; visits in TB_01, discharges in TB_02
  const daily: DailyTableCount[] = [];
  for (let d = 1; d <= 31; d++) {
    if (d === 5 || d === 6) continue;
    const date = `2026-10-${String(d).padStart(2, '0')}`;
    for (const table of REQUIRED_51.slice(0, 31)) daily.push({ date, table, records: table === 'TB_01' ? 300 : 10 });
  }
  daily.push({ date: '2026-11-02', table: 'TB_01', records: 999 }); // after the as-of date: not counted yet
  daily.push({ date: '2026-10-03', table: 'NOT_REQUIRED', records: 5 });
  const m = institutionMetrics(
    {
      required: REQUIRED_51,
      daily,
      countsTables: { visits: 'TB_01', discharges: 'TB_02' },
      reference: { visits: 29 * 300 * 2, discharges: null },
      lags: { t0: 90, t1: 8, t2: 2, later: 0 },
    },
    { period: Q, asOf: '2026-10-31' },
  );

  it('counts volume, upload days, interruptions, the last upload and the tables uploaded and missing', () => {
    expect(m.days).toBe(31);
    expect(m.volume).toBe(29 * (300 + 30 * 10) + 5);
    expect([m.uploadDays, m.interruptionDays, m.lastUploadDate]).toEqual([29, 2, '2026-10-31']);
    expect([m.tablesUploaded, m.tablesRequired, m.missingTables.length]).toEqual([31, 51, 20]);
    expect(m.missingTables[0]).toBe('TB_32');
    expect(m.completeness).toBeCloseTo(31 / 51);
    expect(m.tier).toBe(1);
  });

  it('gives the upload rates against 卫统 (none without a reference), stability and timeliness', () => {
    expect(m.outpatientUploaded).toBe(29 * 300);
    expect(m.outpatientRate).toBeCloseTo(0.5);
    expect(m.dischargeRate).toBeNull();
    expect(m.stability).toBeCloseTo(29 / 31);
    expect(m.timeliness).toBe('T+1');
    expect(timelinessOf({ t0: 96, t1: 4, t2: 0, later: 0 })).toBe('T');
    expect(timelinessOf({ t0: 50, t1: 30, t2: 16, later: 4 })).toBe('T+2');
    expect(timelinessOf({ t0: 50, t1: 30, t2: 10, later: 10 })).toBeNull();
    expect(timelinessOf({ t0: 0, t1: 0, t2: 0, later: 0 })).toBeNull();
  });
});

describe('region rollups', () => {
  it('sums volumes, counts connection and tiers over the connected, and rates over those with a reference', () => {
    const r = rollup([
      {
        connection: 'connected',
        metrics: { volume: 10, outpatientUploaded: 5, dischargeUploaded: 1, tier: 1 },
        reference: { visits: 10, discharges: null },
      },
      { connection: 'other_platform', metrics: { volume: 0, outpatientUploaded: 0, dischargeUploaded: 0, tier: 4 } },
      {
        connection: 'not_connected',
        metrics: { volume: 0, outpatientUploaded: 0, dischargeUploaded: 0, tier: 4 },
        reference: { visits: 10, discharges: 4 },
      },
      { connection: 'connected', metrics: { volume: 7, outpatientUploaded: 3, dischargeUploaded: 2, tier: 2 } },
    ]);
    expect(r).toMatchObject({
      institutions: 4,
      connected: 3,
      connectionRate: 0.75,
      volume: 17,
      tiers: { 1: 1, 2: 1, 3: 0, 4: 1 },
    });
    expect(r.outpatientRate).toBeCloseTo(5 / 20);
    expect(r.dischargeRate).toBe(0);
  });
});
