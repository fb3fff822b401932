import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoProvinceRows } from '@hutong/organisations-model';
import { validateOrgImport, type ExistingOrg } from '@hutong/organisations-model';

// Checks the shared files under test/ against the rules they are meant to exercise.
const ROOT = join(__dirname, '../../../../..');
const FIXTURES = join(ROOT, 'test/fixtures');

function parseCsv(text: string): string[][] {
  return text.split(/\r?\n/).map((line) => line.split(','));
}

/** The demo database seen by the 信阳市 coordinator (jurisdiction 411500). */
function xinyangDemoDb(): (code: string) => ExistingOrg | undefined {
  const byCode = new Map<string, ExistingOrg>(
    demoProvinceRows().map((r) => [
      r.code,
      {
        code: r.code,
        level: r.level,
        regionCode: r.regionCode,
        parentCode: r.parentCode,
        inJurisdiction: r.regionCode.startsWith('4115'),
      },
    ]),
  );
  return (code) => byCode.get(code);
}

describe('test/fixtures', () => {
  it('orgs-valid.csv imports cleanly into the demo for the 信阳 coordinator', () => {
    const result = validateOrgImport(
      parseCsv(readFileSync(join(FIXTURES, 'orgs-valid.csv'), 'utf8')),
      xinyangDemoDb(),
      false,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.kind, r.parentCode, r.grade])).toEqual([
      [2, 'hospital', '411502', '1'],
      [3, 'hospital', '411502', 'ungraded'],
      [4, 'hospital', '411503', '2B'],
    ]);
  });

  it('orgs-bad.csv fails on lines 3, 5, 6 and 8 for four different reasons', () => {
    const result = validateOrgImport(
      parseCsv(readFileSync(join(FIXTURES, 'orgs-bad.csv'), 'utf8')),
      xinyangDemoDb(),
      false,
    );
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'regionCode'],
      [5, 'parentCode'],
      [6, 'code'],
      [8, 'grade'],
    ]);
    expect(result.errors[1].reason).toBe('上级编码“419999”不存在');
    expect(result.errors[2].reason).toContain('在文件中重复（第2行）');
    expect(result.errors[3].reason).toBe('只有医院可以填写医院等级');
  });
});

describe('test/bench/gen-orgs.mjs', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hutong-gen-orgs-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'test/bench/gen-orgs.mjs'), ...args], { encoding: 'utf8' });

  it('writes rows that validate under the default county', () => {
    const out = join(dir, 'default.csv');
    run('1000', out);
    const table = parseCsv(readFileSync(out, 'utf8').trimEnd());
    expect(table[0]).toEqual(['code', 'name', 'level', 'kind', 'parent_code', 'region_code', 'grade']);
    expect(table).toHaveLength(1001);
    const result = validateOrgImport(table, xinyangDemoDb(), false);
    expect(result.errors).toEqual([]);
    expect(new Set(result.rows.map((r) => r.code)).size).toBe(1000);
    expect(new Set(result.rows.map((r) => r.parentCode))).toEqual(new Set(['411502']));
    expect(new Set(result.rows.map((r) => r.grade)).size).toBe(8);
  });

  it('is deterministic and honours --parent and --prefix', () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    run('20', a, '--parent', '411525', '--prefix', 'GS-');
    run('20', b, '--parent=411525', '--prefix=GS-');
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    const result = validateOrgImport(parseCsv(text.trimEnd()), xinyangDemoDb(), false);
    expect(result.errors).toEqual([]);
    expect(
      result.rows.every((r) => r.code.startsWith('GS-') && r.parentCode === '411525' && r.regionCode === '411525'),
    ).toBe(true);
  });

  it('refuses a bad count', () => {
    expect(() =>
      execFileSync(process.execPath, [join(ROOT, 'test/bench/gen-orgs.mjs'), '0', join(dir, 'x.csv')], {
        stdio: 'pipe',
      }),
    ).toThrow();
  });
});
