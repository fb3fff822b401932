import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rowAnomalies } from './anomalies';
import { institutionMetrics, type DailyTableCount } from './metrics';
import { percent } from './bulletin';

/** A published table (fixtures/jiangsu-*.tsv, copied beside this spec): its rows by column name. */
function table(file: string): Record<string, string>[] {
  const lines = readFileSync(join(__dirname, 'fixtures', file), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const [head, ...rows] = lines.map((l) => l.split('\t'));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}
const share = (s: string) => Number(s.replace('%', '')) / 100;

const PERIOD = { from: '2021-03-01', to: '2021-04-30' };
const DAYS = Array.from({ length: 61 }, (_, i) => new Date(Date.UTC(2021, 2, 1 + i)).toISOString().slice(0, 10));

describe('the Jiangsu city table (各市区域健康信息平台数据上传省平台情况, 2021-03-01…04-30), rebuilt from daily data', () => {
  const cities = table('jiangsu-2021-03-01_2021-04-30-cities.tsv');

  it.each(cities.map((c) => [c['unit'], c]))('%s', (_name, c) => {
    const volume = Number(c['upload_volume']);
    const outpatient = Number(c['outpatient_uploaded']);
    const discharge = Number(c['discharge_uploaded']);
    const days = Number(c['upload_days']);
    // generate a platform's daily statistics that add up to the published figures: visits and discharges in
    // their tables, the rest of the volume in the others, spread over the upload days
    const daily: DailyTableCount[] = [];
    const spread = (table: string, total: number) => {
      const per = Math.floor(total / days);
      DAYS.slice(0, days).forEach((date, i) =>
        daily.push({ date, table, records: per + (i < total - per * days ? 1 : 0) }),
      );
    };
    spread('TB_MZ_JZMXB', outpatient);
    spread('TB_ZY_CYDJMXB', discharge);
    spread('TB_OTHER', volume - outpatient - discharge);
    // 卫统 actual visits behind each published rate (uploaded ÷ rate, the volume the rate was computed against)
    const reference = {
      visits: Math.round(outpatient / share(c['outpatient_rate']!)),
      discharges: Math.round(discharge / share(c['discharge_rate']!)),
    };
    const m = institutionMetrics(
      {
        required: ['TB_MZ_JZMXB', 'TB_ZY_CYDJMXB', 'TB_OTHER'],
        daily,
        countsTables: { visits: 'TB_MZ_JZMXB', discharges: 'TB_ZY_CYDJMXB' },
        reference,
      },
      { period: PERIOD, asOf: '2021-04-30' },
    );
    expect([m.days, m.volume, m.uploadDays, m.outpatientUploaded, m.dischargeUploaded]).toEqual([
      61,
      volume,
      days,
      outpatient,
      discharge,
    ]);
    expect([percent(m.outpatientRate!), percent(m.dischargeRate!)]).toEqual([
      c['outpatient_rate'],
      c['discharge_rate'],
    ]);
  });
});

describe('the Jiangsu provincial-hospital table: its published anomalies are flagged, the sound rows are not', () => {
  const hospitals = table('jiangsu-2021-03-01_2021-04-30-provincial-hospitals.tsv');
  const flagged = Object.fromEntries(
    hospitals.map((h) => [
      h['unit'],
      rowAnomalies({
        volume: Number(h['upload_volume']),
        uploadDays: Number(h['upload_days']),
        outpatientUploaded: Number(h['outpatient_uploaded']),
        outpatientRate: share(h['outpatient_rate']!),
        dischargeUploaded: Number(h['discharge_uploaded']),
        dischargeRate: share(h['discharge_rate']!),
        otherCounts: [Number(h['lab_exam_uploaded'])],
      }).map((a) => `${a.kind}${a.subject ? `:${a.subject}` : ''}`),
    ]),
  );

  it('flags the 117.57% rate, the 0.00% rate beside 25 uploads and the row of zeros beside 76,690 records', () => {
    expect(flagged['江苏省省级机关医院']).toEqual(['rate_above_100:outpatient']);
    expect(flagged['江苏省中医院']).toEqual(['rate_contradicts_counts:outpatient']);
    expect(flagged['南京医科大学第二附属医院']).toEqual(['counts_all_zero']);
  });

  it('flags nothing else', () => {
    const others = Object.entries(flagged).filter(
      ([name]) => !['江苏省省级机关医院', '江苏省中医院', '南京医科大学第二附属医院'].includes(name),
    );
    expect(others).toHaveLength(9);
    expect(others.filter(([, a]) => a.length)).toEqual([]);
  });
});
