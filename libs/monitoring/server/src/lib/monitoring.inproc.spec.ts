import {
  example51Catalogue,
  institutionMetrics,
  type DailyTableCount,
  type IngestItem,
} from '@hutong/monitoring-model';
import { addDays } from '@hutong/platform-model';
import type { Organisation } from '@hutong/organisations-server';
import { startMonitoringApp, type MonitoringTestApp } from '../testing';
import { IngestionService } from './ingestion.service';
import { MetricsService } from './metrics.service';
import { CatalogueService } from './catalogue.service';
import { ConnectionService } from './connection.service';
import { StatisticsImportRunner, StatisticsImportService } from './statistics-import';
import { overviewWorkbook } from './overview-export';
import ExcelJS from 'exceljs';

const SYSTEM = { id: null, name: 'test', ip: null, userAgent: null };
const TABLES = example51Catalogue().tables.map((t) => t.code);

/** A seeded pseudo-random generator (the same data on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('monitoring: statistics in, metrics out (in process, PostgreSQL)', () => {
  let app: MonitoringTestApp;
  let ingestion: IngestionService;
  let metrics: MetricsService;
  let city: Organisation;
  let hospitals: Organisation[];
  let under: string;

  const dump = async () => ({
    days: await app.sql(
      'select unit_id, day::text, mask::text, total::text, counts, lag0, lag1, lag2, lag3, as_of, batch_id from mon_day order by 1, 2',
    ),
    months: await app.sql('select * from mon_month order by month, unit_id'),
  });

  beforeAll(async () => {
    app = await startMonitoringApp();
    ingestion = app.service(IngestionService);
    metrics = app.service(MetricsService);
    const province = await app.orgs.province();
    city = await app.orgs.city(province, { name: '信阳市' });
    const county = await app.orgs.county(city, { name: '浉河区' });
    hospitals = [
      await app.orgs.hospital(city, { name: '信阳市中心医院' }),
      await app.orgs.hospital(city, { name: '信阳市第三人民医院' }),
      await app.orgs.hospital(county, { name: '浉河区人民医院' }),
      await app.orgs.institution(city, 'regional_platform', { name: '信阳市全民健康信息平台' }),
    ];
    under = province.path;
    await app.em.fork().transactional(async (tx) => {
      await tx.execute(
        `insert into mon_requirement (organisation_id, catalogue_key, set_at) values (?, 'example-51', now())`,
        [city.id],
      );
    });
  });
  afterAll(() => app?.close());

  it('writes a batch; the same batch sent again changes nothing', async () => {
    const items: IngestItem[] = hospitals.slice(0, 2).map((h, i) => ({
      org: h.code,
      date: '2026-07-01',
      tables: { TB_MZ_JZMXB: 100 + i, TB_ZY_CYDJMXB: { records: 10, lag: [8, 2, 0, 0] } },
      asOf: '2026-07-02T01:00:00Z',
    }));
    const first = await ingestion.ingest(items, { source: 'api', under, actor: SYSTEM });
    expect(first).toMatchObject({ items: 2, written: 2, unchanged: 0, stale: 0 });
    const before = await dump();
    expect(before.days).toHaveLength(2);
    const again = await ingestion.ingest(items, { source: 'api', under, actor: SYSTEM });
    expect(again).toMatchObject({ items: 2, written: 0, unchanged: 2, stale: 0 });
    expect(await dump()).toEqual(before);
  });

  it('refuses a batch with one bad item, names it with its code, and writes nothing of it', async () => {
    const before = await dump();
    const batches = (await app.sql<{ n: number }>('select count(*)::int as n from mon_batch'))[0]!.n;
    const items = [
      { org: hospitals[0]!.code, date: '2026-07-02', tables: { TB_MZ_JZMXB: 5 } },
      { org: hospitals[1]!.code, date: '2026-07-02', tables: { TB_MZ_JZMXB: 5 } },
      { org: hospitals[2]!.code, date: '2026-07-02', tables: { TB_NO_SUCH_TABLE: 5 } },
      { org: 'NO-SUCH-ORG', date: '2026-07-02', tables: { TB_MZ_JZMXB: 1 } },
      { org: hospitals[0]!.code, date: '2026-07-02', tables: { TB_MZ_JZMXB: 6 } },
    ];
    const err = await ingestion.ingest(items, { source: 'api', under, actor: SYSTEM }).catch((e: unknown) => e);
    const body = (
      err as { getResponse(): { code: string; details: { errors: { index: number; code: string }[] } } }
    ).getResponse();
    expect(body.code).toBe('monitoring.batch_invalid');
    expect(body.details.errors.map((e) => [e.index, e.code])).toEqual([
      [2, '03'],
      [3, '02'],
      [4, '06'],
    ]);
    expect(await dump()).toEqual(before);
    expect((await app.sql<{ n: number }>('select count(*)::int as n from mon_batch'))[0]!.n).toBe(batches);
  });

  it('refuses an institution outside the sender’s subtree', async () => {
    const other = await app.orgs.city((await app.orgs.province()) as Organisation);
    const foreign = await app.orgs.hospital(other);
    const err = await ingestion
      .ingest([{ org: foreign.code, date: '2026-07-01', tables: { TB_MZ_JZMXB: 1 } }], {
        source: 'api',
        under: city.path,
        actor: SYSTEM,
      })
      .catch((e: unknown) => e);
    const body = (err as { getResponse(): { details: { errors: { reason: string }[] } } }).getResponse();
    expect(body.details.errors[0]!.reason).toBe('monitoring.ingest_org_outside');
  });

  it('keeps newer figures when an older batch arrives late, and replaces a day with newer ones', async () => {
    const h = hospitals[0]!;
    const day = (records: number, asOf: string): IngestItem[] => [
      { org: h.code, date: '2026-07-03', tables: { TB_MZ_JZMXB: records }, asOf },
    ];
    await ingestion.ingest(day(50, '2026-07-04T02:00:00Z'), { source: 'api', under, actor: SYSTEM });
    const late = await ingestion.ingest(day(40, '2026-07-04T01:00:00Z'), { source: 'api', under, actor: SYSTEM });
    expect(late).toMatchObject({ stale: 1, written: 0 });
    const newer = await ingestion.ingest(day(70, '2026-07-04T03:00:00Z'), { source: 'api', under, actor: SYSTEM });
    expect(newer).toMatchObject({ written: 1 });
    const [row] = await app.sql<{ total: string }>(
      `select d.total::text as total from mon_day d join mon_unit u on u.id = d.unit_id where u.organisation_id = ? and d.day = '2026-07-03'`,
      [h.id],
    );
    expect(row!.total).toBe('70');
  });

  it('keeps the month pre-aggregates equal to a recount of the days, through replacements and emptied days', async () => {
    const h = hospitals[1]!;
    const send = (date: string, tables: Record<string, number>) =>
      ingestion.ingest([{ org: h.code, date, tables }], { source: 'api', under, actor: SYSTEM });
    await send('2026-07-10', { TB_MZ_JZMXB: 9, TB_MZ_GHMXB: 3 });
    await send('2026-07-20', { TB_MZ_GHMXB: 4 });
    await send('2026-07-20', { TB_MZ_GHMXB: 0 }); // the last day emptied: the month's last day goes back
    await send('2026-07-10', { TB_MZ_JZMXB: 2 });
    const recount = await app.sql(
      `select d.unit_id, date_trunc('month', d.day)::date::text as month, sum(d.total)::text as total,
              count(*) filter (where d.total > 0)::int as upload_days, max(d.day) filter (where d.total > 0)::text as last_day,
              bit_or(d.mask)::text as mask
         from mon_day d group by 1, 2 order by 2, 1`,
    );
    const stored = await app.sql(
      `select unit_id, month::text, total::text, upload_days, last_day::text, mask::text from mon_month order by 2, 1`,
    );
    expect(stored).toEqual(recount);
  });

  it('computes in SQL what the model computes from the daily rows: whole months, edge days, an as-of inside the period', async () => {
    // a quarter of generated data for a fresh county's hospitals: gaps, missing tables, a platform
    const county = await app.orgs.county(city, { name: '平桥区' });
    const insts = [
      await app.orgs.hospital(county, { name: '平桥区人民医院' }),
      await app.orgs.hospital(county, { name: '平桥区中医院' }),
      await app.orgs.hospital(county, { name: '平桥区妇幼保健院' }),
      await app.orgs.hospital(county, { name: '平桥区未上传医院' }),
    ];
    const random = rng(42);
    const daily = new Map<string, DailyTableCount[]>();
    const items: IngestItem[] = [];
    insts.slice(0, 3).forEach((o, k) => {
      const rows: DailyTableCount[] = [];
      const tables = TABLES.filter(() => random() < [0.95, 0.5, 0.3][k]!);
      for (let d = '2026-04-01'; d <= '2026-06-30'; d = addDays(d, 1)) {
        if (random() < 0.1 * (k + 1)) continue; // an interruption
        const counts: Record<string, number> = {};
        for (const t of tables) {
          const n = Math.floor(random() * 1000);
          counts[t] = n;
          rows.push({ date: d, table: t, records: n });
        }
        items.push({ org: o.code, date: d, tables: counts, uploaded: addDays(d, k) });
      }
      daily.set(o.id, rows);
    });
    await ingestion.ingest(items, {
      source: 'file',
      under,
      actor: SYSTEM,
      receivedAt: new Date('2026-07-05T00:00:00Z'),
    });
    const connections = app.service(ConnectionService);
    await connections.set(SYSTEM, insts[3]!.id, { status: 'not_connected', note: '接口改造中', since: '2026-01-01' });
    for (const q of [
      { from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-30' },
      { from: '2026-04-01', to: '2026-06-30', asOf: '2026-05-17' },
      { from: '2026-04-11', to: '2026-06-09', asOf: '2026-07-01' },
    ]) {
      const view = await metrics.overview('/', { scope: county.id, ...q, pageSize: 100 });
      expect(view.rows.total).toBe(4);
      for (const o of insts) {
        const expected = institutionMetrics(
          {
            required: TABLES,
            daily: daily.get(o.id) ?? [],
            countsTables: { visits: 'TB_MZ_JZMXB', discharges: 'TB_ZY_CYDJMXB' },
          },
          { period: { from: q.from, to: q.to }, asOf: q.asOf },
        );
        const row = view.rows.items.find((r) => r.id === o.id)!;
        const { missingTables, timeliness, ...rest } = expected;
        const { missingTables: missingCount, timeliness: t2, ...got } = row.metrics;
        expect(got).toEqual(rest);
        expect(missingCount).toBe(missingTables.length);
        void timeliness;
        void t2;
      }
      expect(view.rollup.institutions).toBe(4);
      expect(view.rollup.connected).toBe(3);
      expect(view.rows.items.find((r) => r.id === insts[3]!.id)!.connection).toBe('not_connected');
    }
    // the institution page reads the same figures from its own days, and lays out the grid
    const detail = await metrics.institution(insts[0]!.id, {
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-06-30',
    });
    const row = (
      await metrics.overview('/', { scope: county.id, from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-30' })
    ).rows.items.find((r) => r.id === insts[0]!.id)!;
    expect(detail.metrics.volume).toBe(row.metrics.volume);
    expect(detail.metrics.tablesUploaded).toBe(row.metrics.tablesUploaded);
    expect(detail.metrics.timeliness).toBe('T'); // uploaded on the business day itself
    expect(detail.grid.days).toHaveLength(91);
    expect(detail.grid.counts.flat().reduce((a, b) => a + b, 0)).toBe(detail.metrics.volume);
    const lagged = await metrics.institution(insts[2]!.id, {
      from: '2026-04-01',
      to: '2026-06-30',
      asOf: '2026-06-30',
    });
    expect(lagged.metrics.timeliness).toBe('T+2');

    // the trend, the calendar and the export read the same days
    const q = { scope: county.id, from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-30' };
    const all = await metrics.overview('/', { ...q, pageSize: 100 });
    const trend = await metrics.trend('/', q);
    expect(trend).toHaveLength(91);
    expect(trend.reduce((n, p) => n + p.records, 0)).toBe(all.rollup.volume);
    const calendar = await metrics.calendar('/', q);
    expect(calendar.rows.total).toBe(4);
    for (const r of calendar.rows.items)
      expect(r.uploaded.filter(Boolean).length).toBe(all.rows.items.find((x) => x.id === r.id)!.metrics.uploadDays);
    const { view, rows } = await metrics.allRows('/', { ...q, sort: 'volume', dir: 'desc' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await overviewWorkbook(view, rows)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('监测明细')!;
    expect(sheet.getRow(4).getCell(2).value).toBe(rows[0]!.name);
    expect(sheet.getRow(4).getCell(6).value).toBe(Math.max(...rows.map((r) => r.metrics.volume)));
    expect(sheet.rowCount).toBe(3 + 4);
  });

  it('imports a statistics file: a bad line is named with nothing stored; a good file is written by the worker with progress', async () => {
    const coordinator = await app.users.create('coordinator', { jurisdiction: city });
    const imports = app.service(StatisticsImportService);
    const h = hospitals[2]!;
    const bad = Buffer.from(
      `机构编码,业务日期,表编码,记录数\n${h.code},2026-08-01,TB_MZ_JZMXB,10\n${h.code},2026-08-01,TB_MZ_GHMXB,abc\nNO-SUCH-ORG,2026-08-01,TB_MZ_JZMXB,1\n`,
    );
    const err = await imports.upload(coordinator.principal, 'bad.csv', bad, 'zh').catch((e: unknown) => e);
    const body = (err as { getResponse(): { details: { errors: { line: number; code: string }[] } } }).getResponse();
    // the file's own refusal and the ingestion's, in one answer
    expect(body.details.errors).toEqual([
      expect.objectContaining({ line: 3, code: '05' }),
      expect.objectContaining({ line: 4, code: '02' }),
    ]);
    expect(await app.sql('select id from mon_import')).toEqual([]);

    const good = Buffer.from(
      `机构编码,业务日期,上传日期,TB_MZ_JZMXB,TB_ZY_CYDJMXB\n${h.code},2026-08-01,2026-08-02,120,7\n${h.code},2026-08-02,2026-08-03,130,\n`,
    );
    const queued = await imports.upload(coordinator.principal, '八月.csv', good, 'zh');
    expect(queued).toMatchObject({ status: 'queued', totalItems: 2, rows: 2 });
    expect(app.queues['monitoring-import'].jobs.map((j) => j.data)).toEqual([{ importId: queued.id }]);
    const progress: number[] = [];
    await app.module.get(StatisticsImportRunner).run(queued.id, async (p) => void progress.push(p));
    expect(progress).toEqual([100]);
    expect(await imports.get(coordinator.principal, queued.id)).toMatchObject({
      status: 'done',
      processedItems: 2,
      written: 2,
    });
    const detail = await metrics.institution(h.id, { from: '2026-08-01', to: '2026-08-31', asOf: '2026-08-02' });
    expect(detail.metrics).toMatchObject({ volume: 257, uploadDays: 2, days: 2, outpatientUploaded: 250 });
    expect(detail.metrics.timeliness).toBe('T+1');
  });

  it('versions a catalogue when it is saved again, and a region takes the nearest requirement above it', async () => {
    const catalogues = app.service(CatalogueService);
    const admin = await app.users.admin();
    const base = example51Catalogue();
    const v2 = await catalogues.save(admin.principal, { ...base, tables: base.tables.slice(0, 50) });
    expect(v2).toMatchObject({ key: 'example-51', version: 2 });
    expect((await catalogues.versions('example-51')).map((v) => v.version)).toEqual([2, 1]);
    const req = await catalogues.requirementAt(hospitals[2]!.id);
    expect(req).toMatchObject({ setOn: { id: city.id }, catalogue: { version: 2 } });
    await expect(
      catalogues.save(admin.principal, { ...base, tables: [...base.tables, base.tables[0]!] }),
    ).rejects.toMatchObject({ domain: { code: 'monitoring.catalogue_invalid' } });
  });
});
