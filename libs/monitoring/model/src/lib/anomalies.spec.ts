import { rowAnomalies, trendAnomalies } from './anomalies';
import type { DailyTableCount } from './metrics';

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;

describe('anomalies of a row', () => {
  it('flags volume with zero upload days (tens of millions of records, no day with a record)', () => {
    expect(rowAnomalies({ volume: 23_000_000, uploadDays: 0 }).map((a) => a.kind)).toEqual(['volume_without_days']);
    expect(rowAnomalies({ volume: 0, uploadDays: 0 })).toEqual([]);
  });
  it('flags a discharge rate above 100% with its figures', () => {
    expect(rowAnomalies({ volume: 5, uploadDays: 3, dischargeRate: 1.02, dischargeUploaded: 102 })).toEqual([
      { kind: 'rate_above_100', subject: 'discharge', figures: { rate: 1.02, uploaded: 102 } },
    ]);
  });
});

describe('anomalies of the daily data', () => {
  const daily: DailyTableCount[] = [];
  for (let d = 1; d <= 20; d++) {
    // TB_A 100 a day (30 on the 20th), TB_B 50 a day until the 16th: the trailing week before the 20th is 150 ×4, 100 ×3
    daily.push({ date: day(d), table: 'TB_A', records: d === 20 ? 30 : 100 });
    if (d <= 16) daily.push({ date: day(d), table: 'TB_B', records: 50 });
  }
  it('finds the table that stopped while the others go on, and a sudden drop against the trailing median', () => {
    const found = trendAnomalies(daily, ['TB_A', 'TB_B', 'TB_C'], { asOf: day(20) });
    expect(found).toEqual([
      { kind: 'table_stopped', subject: 'TB_B', figures: { lastUploadDate: day(16) } },
      { kind: 'sudden_drop', subject: day(20), figures: { volume: 30, trailingMedian: 150 } },
    ]);
  });
  it('sees no drop on an ordinary day and no stopped table when nothing arrives at all', () => {
    expect(trendAnomalies(daily, ['TB_A', 'TB_B'], { asOf: day(16) })).toEqual([]);
    expect(trendAnomalies(daily, ['TB_A', 'TB_B'], { asOf: day(28) }).map((a) => a.kind)).toEqual([]);
  });
});
