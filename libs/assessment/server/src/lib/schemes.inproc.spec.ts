/**
 * Schemes as versioned data (SchemeService): export in the published format and as a workbook, import (a new key,
 * the next version of a known one), refusals that write nothing; the official schemes replacing invented ones.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { leaves, type IndicatorNode, type OfficialSchemeFile } from '@hutong/assessment-model';
import { refused } from '@hutong/platform-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import { AuditLabels, AuditService } from '@hutong/platform-server';
import { startAssessmentApp, type AssessmentTestApp } from '../testing';
import { Cycle, Scheme } from './entities/assessment.entities';
import { SchemeService, seedDefaultSchemes } from './scheme.service';

let t: AssessmentTestApp;
let schemes: SchemeService;
let admin: TestUser;

beforeAll(async () => {
  t = await startAssessmentApp();
  schemes = t.service(SchemeService);
  admin = await t.users.admin();
});

afterAll(async () => {
  await t?.close();
});

const count = async (key: string) =>
  Number((await t.sql<{ n: string }>('select count(*) as n from scheme where key = ?', [key]))[0]?.n);

describe('export and import', () => {
  it('exports the official scheme and imports it back as the next version with the same tree and rules', async () => {
    const s = await t.assessment.scheme('hospital', { key: 'hospital-2020-x' });
    const { file, name } = await schemes.exportJson(s.id);
    expect(name).toBe('hospital-2020-x-v1.json');
    expect(file.levelTotals).toEqual({
      一级: 10,
      二级: 15,
      三级: 60,
      四级乙等: 70,
      四级甲等: 80,
      五级乙等: 90,
      五级甲等: 95,
    });
    const imported = await schemes.import(admin.principal, Buffer.from(JSON.stringify(file)));
    expect(imported).toMatchObject({ key: 'hospital-2020-x', version: 2, kind: 'hospital' });
    expect(imported.tree).toEqual(s.tree);
    expect(imported.levelRules).toEqual(s.levelRules);
    const audit = await t.sql<{ after: { version: number; indicators: number } }>(
      "select after from audit_entry where action = 'scheme.import' and entity_id = ?",
      [imported.id],
    );
    expect(audit[0]?.after).toMatchObject({ version: 2, indicators: 282 });
  });

  it('exports a workbook with one row per indicator and 表8-2 with the 等级分 row', async () => {
    const s = await t.assessment.scheme('region', { key: 'region-2020-x' });
    const { buf } = await schemes.exportXlsx(s.id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.getWorksheet('指标')?.rowCount).toBe(1 + 118);
    const t82 = wb.getWorksheet('表8-2 等级分要求');
    const last = t82?.getRow(t82.rowCount).values as unknown[];
    expect(last.slice(1)).toEqual(['等级分', 95, 5, 8, 60, 70, 80, 90, 95]);
  });

  it('refuses a file that is not a scheme, or a scheme whose part does not add up, writing nothing', async () => {
    const before = await count('hospital-2020-y');
    expect(await refused(schemes.import(admin.principal, Buffer.from('{ not json')))).toMatchObject({
      statusCode: 400,
      message: '无法导入：不是有效的 JSON 文件',
    });
    expect(await refused(schemes.import(admin.principal, Buffer.from('{"scheme":"x"}')))).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('无法导入：不是测评方案文件'),
    });
    const s = await t.assessment.scheme('hospital', { key: 'hospital-2020-y' });
    const { file } = await schemes.exportJson(s.id);
    const broken = structuredClone(file) as OfficialSchemeFile;
    const first = broken.indicators[0];
    if (first) first.points = 1;
    expect(await refused(schemes.import(admin.principal, Buffer.from(JSON.stringify(broken))))).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('2.1 数据集标准化情况 的分值为 15，下级合计为 15.81：不相符'),
    });
    expect(await count('hospital-2020-y')).toBe(before + 1);
  });
});

describe('the official schemes replace invented ones', () => {
  it('writes the official scheme as the next version of an invented one and moves open cycles to it', async () => {
    // the default key, as an earlier release left it
    const invented = await t.assessment.scheme('hospital');
    // an earlier release's tree: leaves without a scoring kind
    const strip = (nodes: IndicatorNode[]): IndicatorNode[] =>
      nodes.map((n) => {
        const copy: IndicatorNode = { ...n, children: strip(n.children) };
        delete copy.scoring;
        return copy;
      });
    await t.sql('update scheme set tree = ?::jsonb where id = ?', [JSON.stringify(strip(invented.tree)), invented.id]);
    const p = await t.orgs.provinceTree();
    const open = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [invented], year: 2050 });
    const closed = await t.assessment.cycle({
      jurisdiction: p.xinyang,
      schemes: [invented],
      year: 2051,
      status: 'closed',
    });
    const em = t.em.fork();
    const audit = new AuditService(em, new AuditLabels());
    const n = await em.transactional((tx) =>
      seedDefaultSchemes(tx, audit, { id: null, name: 'test', ip: null, userAgent: null }),
    );
    expect(n).toBe(2); // hospital-2020 v2, and region-2020 v1 (new here)
    const next = await em.fork().findOneOrFail(Scheme, { key: 'hospital-2020', version: 2 });
    expect(leaves(next.tree)).toHaveLength(282);
    const reread = em.fork();
    expect((await reread.findOneOrFail(Cycle, { id: open.id })).schemeIds).toEqual([next.id]);
    expect((await reread.findOneOrFail(Cycle, { id: closed.id })).schemeIds).toEqual([invented.id]);
    // idempotent
    expect(
      await em
        .fork()
        .transactional((tx) => seedDefaultSchemes(tx, audit, { id: null, name: 'test', ip: null, userAgent: null })),
    ).toBe(0);
  });
});
