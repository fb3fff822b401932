// The checklist and result-table builders (no database): in the in-process tier because they import platform-server (ESM).
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { defaultSchemes } from '@hutong/assessment-model/official';
import { leavesUpTo, isScored } from '@hutong/assessment-model';
import { checklistItems, checklistXlsx, resultsXlsx, type ChecklistInput } from './review-sheets';

const hospital = defaultSchemes().find((s) => s.key === 'hospital-2020')!;

async function rowsOf(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    out.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))),
  );
  return out;
}

const base: ChecklistInput = {
  kind: 'onsite',
  sessionTitle: '2026年第一批现场查验',
  date: '2026-12-20',
  endDate: '2026-12-21',
  organisationName: '信阳市中心医院',
  schemeName: hospital.name,
  targetLevel: '4A',
  team: [
    { name: '王建国', chair: false },
    { name: '评审专家', chair: true },
  ],
  tree: hospital.tree,
  answers: [],
  evidence: [],
};

describe('the checklist generated from the scheme', () => {
  it('lists, on site, the qualitative indicators up to the target level; in a document review every scored item', () => {
    const all = leavesUpTo(hospital.tree, '4A').filter(isScored);
    const onsite = checklistItems('onsite', hospital.tree, '4A');
    expect(onsite.length).toBeGreaterThan(0);
    expect(onsite.length).toBeLessThan(all.length);
    expect(onsite.every((l) => l.method !== 'quantitative')).toBe(true);
    // the conformance-tested parts (data sets 2.1, shared documents 2.2, services 3.2, performance 3.3) are left out
    expect(onsite.some((l) => l.code.startsWith('2.1.'))).toBe(false);
    expect(onsite.some((l) => l.code.startsWith('4.'))).toBe(true);
    expect(checklistItems('document_review', hospital.tree, '4A')).toHaveLength(all.length);
  });

  it('writes the header, the team chair first, one row per item with the self-assessment, and the findings', async () => {
    const items = checklistItems('onsite', hospital.tree, '4A');
    const first = items[0]!;
    const rows = await rowsOf(
      await checklistXlsx({
        ...base,
        team: [
          { name: '评审专家', chair: true },
          { name: '王建国', chair: false },
        ],
        answers: [{ itemCode: first.code, selfScore: first.points, statement: '=HYPERLINK("x")', choice: null }],
        evidence: [
          {
            id: 'e1',
            itemCode: first.code,
            fileName: '机房照片.pdf',
            mime: 'application/pdf',
            size: 1,
            sha256: 'a'.repeat(64),
            uploadedBy: 'x',
            uploadedAt: '2026-12-01T00:00:00Z',
          },
        ],
        findings: new Map([[first.code, { score: first.points / 2, comments: ['王建国：备份策略未落实'] }]]),
        rectification: '三个月内完成异地备份',
      }),
    );
    expect(rows[0]![0]).toBe('信阳市中心医院现场查验检查表');
    expect(rows[1]![0]).toContain('2026年12月20日至2026年12月21日');
    expect(rows[3]![0]).toBe('专家组：组长 评审专家；成员 王建国');
    expect(rows[4]).toContain('查验发现');
    const data = rows.slice(5, 5 + items.length);
    expect(data.map((r) => r[1])).toEqual(items.map((l) => l.code));
    const row = data[0]!;
    // the statement's formula is written as text (no injection), the evidence by file name, the finding by expert
    expect(row[8]).toBe('\'=HYPERLINK("x")');
    expect(row[9]).toBe('机房照片.pdf');
    expect(Number(row[10])).toBeCloseTo(first.points / 2);
    expect(row[11]).toBe('王建国：备份策略未落实');
    expect(rows.some((r) => r[0] === '整改要求：三个月内完成异地备份')).toBe(true);
  });

  it('leaves the findings blank in the copy an expert takes on site', async () => {
    const rows = await rowsOf(await checklistXlsx(base));
    expect(rows[3]![0]).toBe('专家组：组长 评审专家；成员 王建国');
    const data = rows.slice(5, -2);
    expect(data.every((r) => (r[10] ?? '') === '' && (r[11] ?? '') === '')).toBe(true);
  });
});

describe('the session’s result table', () => {
  it('gives per application the total, the derived level and, on site, the conclusion', async () => {
    const rows = await rowsOf(
      await resultsXlsx({
        kind: 'onsite',
        sessionTitle: '2026年第一批现场查验',
        date: '2026-12-20',
        rows: [
          {
            organisationName: '信阳市中心医院',
            targetLevel: '4A',
            experts: 3,
            submitted: 3,
            total: 81.5,
            derivedLevel: '4A',
            passed: true,
            opinion: '符合四级甲等要求',
            rectification: '',
            consolidatedAt: new Date('2026-12-21T08:00:00Z'),
          },
          {
            organisationName: '信阳市中医院',
            targetLevel: '4B',
            experts: 3,
            submitted: 1,
            total: null,
            derivedLevel: null,
            passed: null,
            opinion: '',
            rectification: '',
            consolidatedAt: null,
          },
        ],
      }),
    );
    expect(rows[0]![0]).toBe('2026年第一批现场查验现场查验结果汇总表');
    expect(rows[2]).toContain('查验结论');
    expect(rows[3]!.slice(0, 8)).toEqual(['1', '信阳市中心医院', '四级甲等', '3', '3', '81.5', '四级甲等', '通过']);
    expect(rows[3]![10]).toBe('2026年12月21日');
    expect(rows[4]!.slice(5, 8)).toEqual(['', '', '']);
    expect(rows[4]![10]).toBe('未确认');
  });
});
