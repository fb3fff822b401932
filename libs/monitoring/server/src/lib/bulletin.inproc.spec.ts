import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { connectivityScore, example51Catalogue, type IngestItem } from '@hutong/monitoring-model';
import { addDays, readZipDirectory } from '@hutong/platform-model';
import type { Organisation } from '@hutong/organisations-server';
import { TaskService } from '@hutong/tasks-server';
import { startMonitoringApp, type MonitoringTestApp } from '../testing';
import { BulletinService } from './bulletin.service';
import { ConnectionService } from './connection.service';
import { IngestionService } from './ingestion.service';
import { bulletinDocx, bulletinXlsx } from './bulletin-documents';
import { MetricsService } from './metrics.service';

const SYSTEM = { id: null, name: 'test', ip: null, userAgent: null };
const TABLES = example51Catalogue().tables.map((t) => t.code);

/** The text of a DOCX's document.xml, paragraph by paragraph. */
function docxParagraphs(docx: Buffer): string[] {
  const entry = readZipDirectory(docx)?.find((e) => e.name === 'word/document.xml');
  if (!entry) throw new Error('no document.xml');
  const local = entry.localHeaderOffset;
  const start = local + 30 + docx.readUInt16LE(local + 26) + docx.readUInt16LE(local + 28);
  const raw = docx.subarray(start, start + entry.compressedSize);
  const xml = (entry.method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...(p[0] as string).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

describe('bulletins (通报): generated, edited, published, exported, rectified (in process)', () => {
  let app: MonitoringTestApp;
  let bulletins: BulletinService;
  let city: Organisation;
  let hospitals: Organisation[];
  let coordinator: Awaited<ReturnType<MonitoringTestApp['users']['create']>>;

  beforeAll(async () => {
    app = await startMonitoringApp();
    bulletins = app.service(BulletinService);
    const province = await app.orgs.province();
    city = await app.orgs.city(province, { name: '信阳市' });
    hospitals = [
      await app.orgs.hospital(city, { name: '甲医院' }),
      await app.orgs.hospital(city, { name: '乙医院' }),
      await app.orgs.hospital(city, { name: '丙医院' }),
      await app.orgs.hospital(city, { name: '丁医院' }),
    ];
    await app.sql(
      `insert into mon_requirement (organisation_id, catalogue_key, set_at) values (?, 'example-51', now())`,
      [city.id],
    );
    // 甲 uploads 40 tables every day, 乙 25 tables with 5 days down, 丙 5 tables, 丁 nothing (not connected)
    const items: IngestItem[] = [];
    for (let d = '2026-07-01'; d <= '2026-07-31'; d = addDays(d, 1)) {
      items.push({
        org: hospitals[0]!.code,
        date: d,
        tables: Object.fromEntries(TABLES.slice(0, 40).map((t) => [t, 10])),
      });
      if (d > '2026-07-05')
        items.push({
          org: hospitals[1]!.code,
          date: d,
          tables: Object.fromEntries(TABLES.slice(0, 25).map((t) => [t, 5])),
        });
      items.push({
        org: hospitals[2]!.code,
        date: d,
        tables: Object.fromEntries(TABLES.slice(0, 5).map((t) => [t, 1])),
      });
    }
    await app.service(IngestionService).ingest(items, { source: 'api', under: province.path, actor: SYSTEM });
    await app
      .service(ConnectionService)
      .set(SYSTEM, hospitals[3]!.id, { status: 'not_connected', note: '前置机未部署', since: '2026-01-01' });
    coordinator = await app.users.create('coordinator', { jurisdiction: city });
  });
  afterAll(() => app?.close());

  it('generates a draft whose narrative counts are its own table’s, keeps its figures through edits, publishes and exports it', async () => {
    const b = await bulletins.create(coordinator.principal, {
      scope: city.id,
      from: '2026-07-01',
      to: '2026-07-31',
      asOf: '2026-07-31',
      requirement: { text: '请未联通机构报送未联通原因、下一步工作计划及完成时间', due: '2099-08-15' },
    });
    expect(b).toMatchObject({ status: 'draft', version: 1, institutions: 4, connected: 3 });
    expect(b.rows.map((r) => [r.institution, r.connection, r.tier, r.tablesUploaded, r.interruptionDays])).toEqual([
      // by name, as Chinese sorts (pinyin): bing, ding, jia, yi
      ['丙医院', 'connected', 3, 5, 0],
      ['丁医院', 'not_connected', 4, 0, 31],
      ['甲医院', 'connected', 1, 40, 0],
      ['乙医院', 'connected', 2, 25, 5],
    ]);
    expect(b.facts.tiers).toEqual({ 1: ['甲医院'], 2: ['乙医院'], 3: ['丙医院'], 4: [] });
    expect(b.narrative[0]).toContain('共4家，已联通3家，联通率75.00%；未联通1家：丁医院。');
    expect(b.narrative.at(-1)).toContain('请于2099年8月15日前完成并报送');

    await expect(
      bulletins.update(coordinator.principal, b.id, { narrative: [b.narrative[0]!.replace('已联通3家', '已联通4家')] }),
    ).rejects.toMatchObject({ domain: { code: 'monitoring.bulletin_figures_changed' } });
    const edited = await bulletins.update(coordinator.principal, b.id, {
      narrative: ['2026年7月1日至2026年7月31日，全市4家医疗机构中已联通3家，联通率75.00%。', ...b.narrative.slice(1)],
      title: '关于2026年7月全市医疗机构数据上传情况的通报',
    });
    expect(edited.narrative[0]).toBe('2026年7月1日至2026年7月31日，全市4家医疗机构中已联通3家，联通率75.00%。');

    const published = await bulletins.publish(coordinator.principal, b.id);
    expect(published.status).toBe('published');
    await expect(bulletins.update(coordinator.principal, b.id, { title: '改' })).rejects.toMatchObject({
      domain: { code: 'monitoring.bulletin_not_draft' },
    });

    const text = docxParagraphs(await bulletinDocx(published));
    expect(text[0]).toBe('关于2026年7月全市医疗机构数据上传情况的通报');
    expect(text).toContain(edited.narrative[0]);
    expect(text.some((p) => p.startsWith('附件：信阳市医疗机构数据上传情况表'))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bulletinXlsx(published)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('附件')!;
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['序号', '机构名称', '数据完整率', '梯队']));
    expect([2, 3, 4, 5, 6].map((c) => sheet.getRow(6).getCell(c).value)).toEqual([
      '甲医院',
      '信阳市直属',
      '已联通',
      40,
      51,
    ]);
    expect(sheet.getRow(6).getCell(11).value).toBe('第一梯队');
  });

  it('opens rectification tasks once for the institutions it names, which they see as theirs', async () => {
    const [b] = await bulletins.list(coordinator.principal);
    const first = await bulletins.rectify(coordinator.principal, b!.id, {
      target: 'not_connected',
      title: '报送未联通原因及整改计划',
      instructions: '请说明未联通原因、下一步工作计划及完成时间。',
      dueDate: '2099-08-15',
    });
    expect(first).toEqual({ opened: 1, skipped: 0 });
    expect(
      await bulletins.rectify(coordinator.principal, b!.id, {
        target: 'not_connected',
        title: '报送未联通原因及整改计划',
        instructions: '',
        dueDate: '2099-08-15',
      }),
    ).toEqual({ opened: 0, skipped: 1 });
    const applicant = await app.users.create('applicant', { organisation: hospitals[3]! });
    const mine = await app.service(TaskService).mine(applicant.principal, {});
    expect(mine.items.map((t) => [t.title, t.kind, t.aboutType])).toEqual([
      ['报送未联通原因及整改计划', 'rectify', 'bulletin'],
    ]);
    expect((await bulletins.get(coordinator.principal, b!.id)).tasksOpened).toBe(1);
    const other = await app.users.create('applicant', { organisation: hospitals[0]! });
    expect((await app.service(TaskService).mine(other.principal, {})).total).toBe(0);
  });

  it('revises a published bulletin as a new version from the data; publishing it supersedes the first', async () => {
    const [b] = await bulletins.list(coordinator.principal);
    // 丁 connects and uploads late in the month: the revised bulletin counts it
    await app
      .service(IngestionService)
      .ingest([{ org: hospitals[3]!.code, date: '2026-07-30', tables: { [TABLES[0]!]: 3 } }], {
        source: 'api',
        under: city.path,
        actor: SYSTEM,
      });
    await app
      .service(ConnectionService)
      .set(SYSTEM, hospitals[3]!.id, { status: 'connected', note: '', since: '2026-07-30' });
    const v2 = await bulletins.revise(coordinator.principal, b!.id, '2026-07-31');
    expect(v2).toMatchObject({ version: 2, status: 'draft', seriesId: b!.seriesId, connected: 4 });
    await bulletins.publish(coordinator.principal, v2.id);
    expect((await bulletins.get(coordinator.principal, b!.id)).status).toBe('superseded');
    const audit = await app.sql<{ action: string }>(
      `select action from audit_entry where entity_type = 'mon_bulletin' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'monitoring.bulletin.generated',
      'monitoring.bulletin.edited',
      'monitoring.bulletin.published',
      'monitoring.bulletin.rectification_opened',
      'monitoring.bulletin.rectification_opened',
      'monitoring.bulletin.revised',
      'monitoring.bulletin.published',
    ]);
  });

  it('scores the year’s 互联互通度 per institution with the weights, highest first, and shows it on the institution page', async () => {
    const metrics = app.service(MetricsService);
    const weights = { connectivity: 0.4, completeness: 0.3, volume: 0.3 };
    const view = await metrics.scores('/', { scope: city.id, year: 2026, asOf: '2026-07-31', weights });
    expect(view.rows.items.map((r) => r.name)).toEqual(['甲医院', '乙医院', '丙医院', '丁医院']);
    const overview = await metrics.overview('/', {
      scope: city.id,
      from: '2026-01-01',
      to: '2026-12-31',
      asOf: '2026-07-31',
    });
    for (const r of view.rows.items) {
      const row = overview.rows.items.find((x) => x.id === r.id)!;
      expect(r.score).toEqual(connectivityScore(row.connection, row.metrics, weights));
    }
    // 甲: 31 of 212 days, 40/51 tables, no 卫统 volume → volume left out
    expect(view.rows.items[0]!.score.components[2]).toMatchObject({ part: 'volume', share: null });
    const other = await metrics.scores('/', {
      scope: city.id,
      year: 2026,
      asOf: '2026-07-31',
      weights: { connectivity: 0, completeness: 1, volume: 0 },
    });
    expect(other.rows.items[0]!.score.score).toBe(Math.round((40 / 51) * 10000) / 100);
    await expect(
      metrics.scores('/', { scope: city.id, year: 2026, weights: { connectivity: 0, completeness: 0, volume: 0 } }),
    ).rejects.toMatchObject({ domain: { code: 'monitoring.score_weights_invalid' } });
    const detail = await metrics.institution(hospitals[0]!.id, {
      from: '2026-01-01',
      to: '2026-12-31',
      asOf: '2026-07-31',
    });
    expect(detail.score).toEqual(view.rows.items[0]!.score);
  });
});
