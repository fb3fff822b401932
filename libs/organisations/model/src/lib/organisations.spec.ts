import type { ImportRowError } from './contracts';
import { childPath, isWithin, pathIds, type OrgKind, type OrgLevel } from '@hutong/platform-model';
import {
  allowedParentLevels,
  IMPORT_HEADERS,
  kindAllowedForLevel,
  mapHeaders,
  MAX_IMPORT_ROWS,
  orderForInsert,
  regionCodeProblem,
  validateOrgImport,
  type ExistingOrg,
  type OrgImportRow,
} from './organisations';

const EN = ['code', 'name', 'level', 'kind', 'parent_code', 'region_code', 'grade'];
const ZH = ['机构编码', '名称', '层级', '类型', '上级编码', '行政区划代码', '医院等级'];

/** A small database: 河南省 › 信阳市 › 浉河区, plus 郑州市 outside a Xinyang coordinator's jurisdiction. */
const DB: ExistingOrg[] = [
  { code: '410000', level: 'province', regionCode: '410000', parentCode: null, inJurisdiction: true },
  { code: '411500', level: 'city', regionCode: '411500', parentCode: '410000', inJurisdiction: true },
  { code: '411502', level: 'county', regionCode: '411502', parentCode: '411500', inJurisdiction: true },
  { code: '410100', level: 'city', regionCode: '410100', parentCode: '410000', inJurisdiction: true },
  { code: 'H-EXISTING', level: 'institution', regionCode: '411502', parentCode: '411502', inJurisdiction: true },
];
/** The same database seen by a coordinator of 信阳市 (411500): only that subtree is in jurisdiction. */
const XINYANG_DB: ExistingOrg[] = DB.map((o) => ({
  ...o,
  inJurisdiction: ['411500', '411502', 'H-EXISTING'].includes(o.code),
}));

function lookup(orgs: ExistingOrg[]): (code: string) => ExistingOrg | undefined {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  return (code) => byCode.get(code);
}
const emptyDb = lookup([]);
const adminDb = lookup(DB);
const xinyangDb = lookup(XINYANG_DB);

/** Builds a table with the English header from rows given as [code, name, level, kind, parent, region, grade]. */
function table(...rows: string[][]): string[][] {
  return [EN, ...rows];
}

describe('regionCodeProblem', () => {
  it.each<[string, OrgLevel, string]>([
    ['province', 'province', '410000'],
    ['city', 'city', '411500'],
    ['county', 'county', '411502'],
    ['county ending in 1', 'county', '411521'],
    ['institution with a county code', 'institution', '411502'],
    ['institution with a city code', 'institution', '411500'],
    ['institution with a province code', 'institution', '410000'],
  ])('accepts a %s code without a parent', (_label, level, code) => {
    expect(regionCodeProblem(level, code, null)).toBeNull();
  });

  it.each<[string, OrgLevel, string, string]>([
    ['five digits', 'county', '41150', '6位数字'],
    ['seven digits', 'county', '4115020', '6位数字'],
    ['a leading zero', 'province', '010000', '6位数字'],
    ['letters', 'city', '41AB00', '6位数字'],
    ['surrounding spaces', 'city', ' 411500', '6位数字'],
    ['empty', 'institution', '', '6位数字'],
    ['a province not ending in 0000', 'province', '411500', '0000'],
    ['a city ending in 0000', 'city', '410000', '市级'],
    ['a city not ending in 00', 'city', '411502', '市级'],
    ['a county ending in 00', 'county', '411500', '区县级'],
    ['a county ending in 0000', 'county', '410000', '区县级'],
  ])('rejects %s', (_label, level, code, fragment) => {
    expect(regionCodeProblem(level, code, null)).toContain(fragment);
  });

  it.each<[string, OrgLevel, string, OrgLevel, string, boolean]>([
    ['city in its province', 'city', '411500', 'province', '410000', true],
    ['city in another province', 'city', '421500', 'province', '410000', false],
    ['county in its city', 'county', '411503', 'city', '411500', true],
    ['county in a sibling city', 'county', '410102', 'city', '411500', false],
    ['county in the same province but another city', 'county', '411302', 'city', '411500', false],
    ['institution in its county', 'institution', '411502', 'county', '411502', true],
    ['institution in a sibling county', 'institution', '411503', 'county', '411502', false],
    ['institution in its city', 'institution', '411523', 'city', '411500', true],
    ['institution in its city using the city code', 'institution', '411500', 'city', '411500', true],
    ['institution outside its city', 'institution', '410105', 'city', '411500', false],
    ['institution in its province', 'institution', '411502', 'province', '410000', true],
    ['institution outside its province', 'institution', '420102', 'province', '410000', false],
  ])('parent prefix: %s', (_label, level, code, parentLevel, parentCode, ok) => {
    const problem = regionCodeProblem(level, code, { level: parentLevel, regionCode: parentCode });
    if (ok) expect(problem).toBeNull();
    else expect(problem).toBe(`行政区划代码${code}不在上级区域${parentCode}之内`);
  });

  it('checks the format before the parent', () => {
    expect(regionCodeProblem('county', '4115', { level: 'city', regionCode: '411500' })).toBe(
      '行政区划代码必须是6位数字',
    );
  });
});

describe('allowedParentLevels and kindAllowedForLevel', () => {
  it.each<[OrgLevel, OrgLevel[]]>([
    ['province', []],
    ['city', ['province']],
    ['county', ['city']],
    ['institution', ['province', 'city', 'county']],
  ])('%s may hang under %j', (level, parents) => {
    expect(allowedParentLevels(level)).toEqual(parents);
  });

  it('never lets a node hang under its own level or below (so no cycles)', () => {
    const rank: Record<OrgLevel, number> = { province: 0, city: 1, county: 2, institution: 3 };
    for (const level of Object.keys(rank) as OrgLevel[]) {
      for (const parent of allowedParentLevels(level)) expect(rank[parent]).toBeLessThan(rank[level]);
    }
  });

  const kinds: OrgKind[] = ['region', 'hospital', 'regional_platform', 'health_commission', 'assessment_centre'];
  it.each<[OrgLevel, OrgKind[]]>([
    ['province', ['region']],
    ['city', ['region']],
    ['county', ['region']],
    ['institution', ['hospital', 'regional_platform', 'health_commission', 'assessment_centre']],
  ])('%s allows exactly the kinds %j', (level, allowed) => {
    expect(kinds.filter((k) => kindAllowedForLevel(level, k))).toEqual(allowed);
  });
});

describe('materialised paths', () => {
  it.each<[string | null, string, string]>([
    [null, 'a', '/a/'],
    ['/a/', 'b', '/a/b/'],
    ['/a/b/', 'c', '/a/b/c/'],
  ])('childPath(%j, %j) is %j', (parent, id, path) => {
    expect(childPath(parent, id)).toBe(path);
  });

  it.each<[string, string[]]>([
    ['/', []],
    ['/a/', ['a']],
    ['/a/b/c/', ['a', 'b', 'c']],
    [childPath(childPath(null, 'x-1'), 'y-2'), ['x-1', 'y-2']],
  ])('pathIds(%j) is %j', (path, ids) => {
    expect(pathIds(path)).toEqual(ids);
  });

  it.each<[string, string, boolean]>([
    ['/a/', '/a/', true],
    ['/a/b/', '/a/', true],
    ['/a/b/c/', '/a/', true],
    ['/a/b/c/', '/a/b/', true],
    ['/a/', '/a/b/', false],
    ['/ab/', '/a/', false],
    ['/b/a/', '/a/', false],
    ['/a/c/', '/a/b/', false],
  ])('isWithin(%j, %j) is %s', (path, root, within) => {
    expect(isWithin(path, root)).toBe(within);
  });
});

describe('mapHeaders', () => {
  it('maps the English headers', () => {
    expect(mapHeaders(EN)).toEqual({
      columns: { code: 0, name: 1, level: 2, kind: 3, parentCode: 4, regionCode: 5, grade: 6 },
      errors: [],
    });
  });

  it('maps the Chinese headers in any order', () => {
    const { columns, errors } = mapHeaders([
      '名称',
      '行政区划代码',
      '机构编码',
      '医院等级',
      '类型',
      '层级',
      '上级编码',
    ]);
    expect(errors).toEqual([]);
    expect(columns).toEqual({ name: 0, regionCode: 1, code: 2, grade: 3, kind: 4, level: 5, parentCode: 6 });
  });

  it.each<[string, keyof typeof IMPORT_HEADERS]>([
    ['编码', 'code'],
    ['机构名称', 'name'],
    ['机构类型', 'kind'],
    ['等级', 'grade'],
    ['ParentCode', 'parentCode'],
    ['Parent Code', 'parentCode'],
    [' REGION_CODE ', 'regionCode'],
    ['regionCode', 'regionCode'],
    ['Code', 'code'],
    ['\uFEFFcode', 'code'],
    ['\uFEFF机构编码', 'code'],
  ])('recognises the alias %j as %s', (header, field) => {
    expect(mapHeaders([header]).columns[field]).toBe(0);
  });

  it('strips a byte-order mark from the first header', () => {
    const { columns, errors } = mapHeaders(['\uFEFF机构编码', '名称', '层级', '行政区划代码']);
    expect(errors).toEqual([]);
    expect(columns).toEqual({ code: 0, name: 1, level: 2, regionCode: 3 });
  });

  it('needs only code, name, level and region code', () => {
    expect(mapHeaders(['code', 'name', 'level', 'region_code']).errors).toEqual([]);
  });

  it('ignores unknown columns', () => {
    const { columns, errors } = mapHeaders(['备注', 'code', 'name', 'level', 'region_code']);
    expect(errors).toEqual([]);
    expect(columns.code).toBe(1);
  });

  it('reports each missing required column on line 1', () => {
    const { errors } = mapHeaders(['kind', 'grade']);
    expect(errors).toEqual([
      { line: 1, column: 'code', reason: '缺少必需列 code / 机构编码 / 编码' },
      { line: 1, column: 'name', reason: '缺少必需列 name / 名称 / 机构名称' },
      { line: 1, column: 'level', reason: '缺少必需列 level / 层级' },
      { line: 1, column: 'region_code', reason: '缺少必需列 region_code / regioncode / 行政区划代码' },
    ]);
  });

  it('reports an empty header as missing every required column', () => {
    expect(mapHeaders([]).errors.map((e) => e.column)).toEqual(['code', 'name', 'level', 'region_code']);
  });

  it.each<[string[], string]>([
    [['code', 'name', 'level', 'region_code', '编码'], '编码'],
    [['code', 'name', 'level', 'region_code', 'CODE'], 'CODE'],
    [['机构名称', 'code', 'name', 'level', 'region_code'], 'name'],
    [['code', 'name', 'level', 'region_code', 'grade', '等级'], '等级'],
  ])('reports a duplicated column in %j', (header, dup) => {
    expect(mapHeaders(header).errors).toEqual([{ line: 1, column: dup, reason: `列“${dup}”重复` }]);
  });
});

describe('validateOrgImport', () => {
  describe('a valid file', () => {
    const zhTable = [
      ZH,
      ['411503', '平桥区', '区县', '', '411500', '411503', ''],
      ['H1', '信阳市中心医院', '机构', '医院', '411502', '411502', '三级甲等'],
      ['H2', '平桥区人民医院', '机构', '医院', '411503', '411503', '二甲'],
      ['P1', '信阳市全民健康信息平台', '机构', '区域平台', '411500', '411500', ''],
      ['W1', '信阳市卫生健康委员会', '机构', '卫健委', '411500', '411500', ''],
      ['C1', '河南省互联互通测评分中心', '机构', '测评中心', '410000', '410000', ''],
      ['H3', '乡镇卫生院', '机构', '医院', '411503', '411503', '未定级'],
    ];

    it('parses Chinese headers and values', () => {
      const { rows, errors } = validateOrgImport(zhTable, adminDb, false);
      expect(errors).toEqual([]);
      expect(rows).toEqual<OrgImportRow[]>([
        {
          line: 2,
          code: '411503',
          name: '平桥区',
          level: 'county',
          kind: 'region',
          parentCode: '411500',
          regionCode: '411503',
          grade: null,
        },
        {
          line: 3,
          code: 'H1',
          name: '信阳市中心医院',
          level: 'institution',
          kind: 'hospital',
          parentCode: '411502',
          regionCode: '411502',
          grade: '3A',
        },
        {
          line: 4,
          code: 'H2',
          name: '平桥区人民医院',
          level: 'institution',
          kind: 'hospital',
          parentCode: '411503',
          regionCode: '411503',
          grade: '2A',
        },
        {
          line: 5,
          code: 'P1',
          name: '信阳市全民健康信息平台',
          level: 'institution',
          kind: 'regional_platform',
          parentCode: '411500',
          regionCode: '411500',
          grade: null,
        },
        {
          line: 6,
          code: 'W1',
          name: '信阳市卫生健康委员会',
          level: 'institution',
          kind: 'health_commission',
          parentCode: '411500',
          regionCode: '411500',
          grade: null,
        },
        {
          line: 7,
          code: 'C1',
          name: '河南省互联互通测评分中心',
          level: 'institution',
          kind: 'assessment_centre',
          parentCode: '410000',
          regionCode: '410000',
          grade: null,
        },
        {
          line: 8,
          code: 'H3',
          name: '乡镇卫生院',
          level: 'institution',
          kind: 'hospital',
          parentCode: '411503',
          regionCode: '411503',
          grade: 'ungraded',
        },
      ]);
    });

    it('trims cells and accepts English values in any case', () => {
      const { rows, errors } = validateOrgImport(
        table([' H9 ', ' 某医院 ', 'Institution', 'HOSPITAL', ' 411502 ', ' 411502 ', '3a']),
        adminDb,
        false,
      );
      expect(errors).toEqual([]);
      expect(rows).toEqual([
        {
          line: 2,
          code: 'H9',
          name: '某医院',
          level: 'institution',
          kind: 'hospital',
          parentCode: '411502',
          regionCode: '411502',
          grade: '3A',
        },
      ]);
    });

    it.each<[string, OrgLevel]>([
      ['省', 'province'],
      ['省级', 'province'],
      ['市', 'city'],
      ['市级', 'city'],
      ['区县', 'county'],
      ['区', 'county'],
      ['县', 'county'],
      ['区县级', 'county'],
      ['county', 'county'],
      ['机构', 'institution'],
    ])('reads the level %j as %s', (raw, level) => {
      const rows: Record<OrgLevel, string[]> = {
        province: ['420000', '湖北省', raw, '', '', '420000', ''],
        city: ['411700', '驻马店市', raw, '', '410000', '411700', ''],
        county: ['411503', '平桥区', raw, '', '411500', '411503', ''],
        institution: ['H1', '某医院', raw, '医院', '411502', '411502', ''],
      };
      const result = validateOrgImport(table(rows[level]), adminDb, true);
      expect(result.errors).toEqual([]);
      expect(result.rows[0].level).toBe(level);
    });

    it.each([
      ['三级甲等', '3A'],
      ['三甲', '3A'],
      ['三级乙等', '3B'],
      ['三乙', '3B'],
      ['三级', '3'],
      ['二级甲等', '2A'],
      ['二甲', '2A'],
      ['二级乙等', '2B'],
      ['二乙', '2B'],
      ['二级', '2'],
      ['一级', '1'],
      ['未定级', 'ungraded'],
      ['ungraded', 'ungraded'],
      ['2b', '2B'],
    ])('reads the grade %j as %s', (raw, grade) => {
      const result = validateOrgImport(
        table(['H1', '某医院', '机构', '医院', '411502', '411502', raw]),
        adminDb,
        false,
      );
      expect(result.errors).toEqual([]);
      expect(result.rows[0].grade).toBe(grade);
    });

    it('defaults the kind of region rows to region and leaves a hospital grade optional', () => {
      const { rows, errors } = validateOrgImport(
        table(
          ['411503', '平桥区', 'county', '', '411500', '411503', ''],
          ['H1', '某医院', 'institution', 'hospital', '411503', '411503', ''],
        ),
        adminDb,
        false,
      );
      expect(errors).toEqual([]);
      expect(rows.map((r) => [r.kind, r.grade])).toEqual([
        ['region', null],
        ['hospital', null],
      ]);
    });

    it('works with only the required columns for region rows', () => {
      const { rows, errors } = validateOrgImport(
        [
          ['code', 'name', 'level', 'region_code'],
          ['420000', '湖北省', 'province', '420000'],
        ],
        emptyDb,
        true,
      );
      expect(errors).toEqual([]);
      expect(rows).toEqual([
        {
          line: 2,
          code: '420000',
          name: '湖北省',
          level: 'province',
          kind: 'region',
          parentCode: null,
          regionCode: '420000',
          grade: null,
        },
      ]);
    });

    it('builds a whole new province from scratch, children before parents in the file', () => {
      const { rows, errors } = validateOrgImport(
        table(
          ['H1', '武汉协和医院', '机构', '医院', '420102', '420102', '三级甲等'],
          ['420102', '江岸区', '区县', '', '420100', '420102', ''],
          ['420100', '武汉市', '市', '', '420000', '420100', ''],
          ['420000', '湖北省', '省', '', '', '420000', ''],
        ),
        emptyDb,
        true,
      );
      expect(errors).toEqual([]);
      expect(rows.map((r) => [r.code, r.line])).toEqual([
        ['420000', 5],
        ['420100', 4],
        ['420102', 3],
        ['H1', 2],
      ]);
    });

    it('ignores blank lines but keeps the line numbers of later rows', () => {
      const { rows, errors } = validateOrgImport(
        table(
          ['', '', '', '', '', '', ''],
          ['H1', '某医院', '机构', '医院', '411502', '411502', ''],
          [],
          ['  ', '\t'],
          [''],
          ['H2', '', '机构', '医院', '411502', '411502', ''],
        ),
        adminDb,
        false,
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([{ line: 7, column: 'name', reason: '名称不能为空' }]);
    });

    it('accepts a file whose rows update existing nodes in place', () => {
      const { rows, errors } = validateOrgImport(
        table(['H-EXISTING', '新名称医院', '机构', '医院', '411502', '411502', '二级甲等']),
        xinyangDb,
        false,
      );
      expect(errors).toEqual([]);
      expect(rows).toHaveLength(1);
    });

    it('lets anyone whose jurisdiction holds an existing province re-import it unchanged', () => {
      const { errors } = validateOrgImport(table(['410000', '河南省', '省', '', '', '410000', '']), adminDb, false);
      expect(errors).toEqual([]);
    });
  });

  describe('file-level errors', () => {
    it('reports an empty file on line 1', () => {
      expect(validateOrgImport([], adminDb, true)).toEqual({ rows: [], errors: [{ line: 1, reason: '文件为空' }] });
    });

    it('returns the header errors alone', () => {
      const result = validateOrgImport(
        [
          ['code', 'name'],
          ['H1', '医院'],
        ],
        adminDb,
        true,
      );
      expect(result.rows).toEqual([]);
      expect(result.errors.map((e) => [e.line, e.column])).toEqual([
        [1, 'level'],
        [1, 'region_code'],
      ]);
    });

    it('reports a header without data on line 2', () => {
      expect(validateOrgImport([EN], adminDb, true)).toEqual({
        rows: [],
        errors: [{ line: 2, reason: '文件没有数据行' }],
      });
    });

    it(`accepts ${MAX_IMPORT_ROWS} rows and rejects one more on the first line over the limit`, () => {
      const row = (i: number) => [`H${i}`, `医院${i}`, '机构', '医院', '411502', '411502', ''];
      const atLimit = [EN, ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => row(i))];
      const ok = validateOrgImport(atLimit, adminDb, false);
      expect(ok.errors).toEqual([]);
      expect(ok.rows).toHaveLength(MAX_IMPORT_ROWS);

      const over = validateOrgImport([...atLimit, row(MAX_IMPORT_ROWS)], adminDb, false);
      expect(over).toEqual({
        rows: [],
        errors: [{ line: MAX_IMPORT_ROWS + 2, reason: `一次最多导入${MAX_IMPORT_ROWS}行` }],
      });
    });
  });

  describe('row errors', () => {
    const ok = (code: string): string[] => [code, '某医院', '机构', '医院', '411502', '411502', ''];

    it.each<[string, string[], string, string]>([
      ['an empty code', ['', '某医院', '机构', '医院', '411502', '411502', ''], 'code', '编码不能为空'],
      [
        'a one-character code',
        ['H', '某医院', '机构', '医院', '411502', '411502', ''],
        'code',
        '编码“H”格式不正确（2–32位字母、数字或连字符）',
      ],
      [
        'a code with Chinese characters',
        ['医院1', '某医院', '机构', '医院', '411502', '411502', ''],
        'code',
        '编码“医院1”格式不正确（2–32位字母、数字或连字符）',
      ],
      [
        'a code with a space inside',
        ['H 1', '某医院', '机构', '医院', '411502', '411502', ''],
        'code',
        '编码“H 1”格式不正确（2–32位字母、数字或连字符）',
      ],
      [
        'a 33-character code',
        ['A'.repeat(33), '某医院', '机构', '医院', '411502', '411502', ''],
        'code',
        `编码“${'A'.repeat(33)}”格式不正确（2–32位字母、数字或连字符）`,
      ],
      ['an empty name', ['H1', '  ', '机构', '医院', '411502', '411502', ''], 'name', '名称不能为空'],
      [
        'a 201-character name',
        ['H1', '院'.repeat(201), '机构', '医院', '411502', '411502', ''],
        'name',
        '名称不能超过200个字符',
      ],
      [
        'an unknown level',
        ['H1', '某医院', '乡镇', '医院', '411502', '411502', ''],
        'level',
        '层级“乡镇”无效，应为 省/市/区县/机构',
      ],
      [
        'an empty level',
        ['H1', '某医院', '', '医院', '411502', '411502', ''],
        'level',
        '层级“”无效，应为 省/市/区县/机构',
      ],
      ['an unknown kind', ['H1', '某医院', '机构', '诊所', '411502', '411502', ''], 'kind', '类型“诊所”无效'],
      [
        'an institution without a kind',
        ['H1', '某医院', '机构', '', '411502', '411502', ''],
        'kind',
        '机构必须填写类型',
      ],
      [
        'an institution of kind region',
        ['H1', '某医院', '机构', '行政区域', '411502', '411502', ''],
        'kind',
        '层级为机构时类型不能是行政区域',
      ],
      [
        'a county of kind hospital',
        ['411503', '平桥区', '区县', '医院', '411500', '411503', ''],
        'kind',
        '层级为区县时类型不能是医院',
      ],
      ['an unknown grade', ['H1', '某医院', '机构', '医院', '411502', '411502', '特等'], 'grade', '医院等级“特等”无效'],
      [
        'a grade on a health commission',
        ['W1', '卫健委', '机构', '卫健委', '411502', '411502', '三级甲等'],
        'grade',
        '只有医院可以填写医院等级',
      ],
      [
        'a grade on a county',
        ['411503', '平桥区', '区县', '', '411500', '411503', '二甲'],
        'grade',
        '只有医院可以填写医院等级',
      ],
      [
        'a region code of five digits',
        ['H1', '某医院', '机构', '医院', '411502', '41150', ''],
        'regionCode',
        '行政区划代码必须是6位数字',
      ],
      [
        'an empty region code',
        ['H1', '某医院', '机构', '医院', '411502', '', ''],
        'regionCode',
        '行政区划代码必须是6位数字',
      ],
      [
        'a province with a parent',
        ['420000', '湖北省', '省', '', '410000', '420000', ''],
        'parentCode',
        '省级节点不能有上级',
      ],
      [
        'an institution without a parent',
        ['H1', '某医院', '机构', '医院', '', '411502', ''],
        'parentCode',
        '上级编码不能为空',
      ],
      ['a city without a parent', ['411700', '驻马店市', '市', '', '', '411700', ''], 'parentCode', '上级编码不能为空'],
      [
        'a row that is its own parent',
        ['H1', '某医院', '机构', '医院', 'H1', '411502', ''],
        'parentCode',
        '上级不能是自己',
      ],
      [
        'an unknown parent',
        ['H1', '某医院', '机构', '医院', 'NOPE', '411502', ''],
        'parentCode',
        '上级编码“NOPE”不存在',
      ],
      [
        'an institution under an institution',
        ['H1', '某医院', '机构', '医院', 'H-EXISTING', '411502', ''],
        'parentCode',
        '机构不能挂在机构之下',
      ],
      [
        'a county under the province',
        ['411600', '某区', '区县', '', '410000', '411601', ''],
        'parentCode',
        '区县不能挂在省之下',
      ],
      [
        'a city under a city',
        ['411700', '驻马店市', '市', '', '411500', '411700', ''],
        'parentCode',
        '市不能挂在市之下',
      ],
      [
        'a county with a city-style code',
        ['411600', '某区', '区县', '', '411500', '411600', ''],
        'regionCode',
        '区县级行政区划代码不应以00结尾',
      ],
      [
        'a county outside its city',
        ['410106', '某区', '区县', '', '411500', '410106', ''],
        'regionCode',
        '行政区划代码410106不在上级区域411500之内',
      ],
      [
        'an institution outside its county',
        ['H1', '某医院', '机构', '医院', '411502', '411503', ''],
        'regionCode',
        '行政区划代码411503不在上级区域411502之内',
      ],
      [
        'a city outside its province',
        ['421700', '某市', '市', '', '410000', '421700', ''],
        'regionCode',
        '行政区划代码421700不在上级区域410000之内',
      ],
      [
        'a province code not ending in 0000',
        ['420100', '湖北省', '省', '', '', '420100', ''],
        'regionCode',
        '省级行政区划代码应以0000结尾',
      ],
    ])('reports %s on its line and column', (_label, bad, column, reason) => {
      const result = validateOrgImport(table(ok('OK1'), bad, ok('OK2')), adminDb, true);
      expect(result.rows).toEqual([]);
      expect(result.errors).toEqual([{ line: 3, column, reason }]);
    });

    it('reports every error of one row, and errors of several rows in line order', () => {
      const { rows, errors } = validateOrgImport(
        table(ok('OK1'), ['x', '', '镇', '', '', '123', '甲等'], ok('OK2'), [
          'H1',
          '某医院',
          '机构',
          '医院',
          '411502',
          '411503',
          '',
        ]),
        adminDb,
        false,
      );
      expect(rows).toEqual([]);
      expect(errors.map((e) => [e.line, e.column])).toEqual([
        [3, 'code'],
        [3, 'name'],
        [3, 'level'],
        [3, 'kind'],
        [3, 'grade'],
        [3, 'regionCode'],
        [5, 'regionCode'],
      ]);
    });

    it('reports a code repeated in the file on each repeat, naming the first line', () => {
      const { rows, errors } = validateOrgImport(table(ok('H1'), ok('H2'), ok('H1'), ok('H1')), adminDb, false);
      expect(rows).toEqual([]);
      expect(errors).toEqual([
        { line: 4, column: 'code', reason: '编码“H1”在文件中重复（第2行）' },
        { line: 5, column: 'code', reason: '编码“H1”在文件中重复（第2行）' },
      ]);
    });

    it('reports a repeat of a code whose first row was itself wrong', () => {
      const { errors } = validateOrgImport(
        table(['H1', '', '机构', '医院', '411502', '411502', ''], ok('H1')),
        adminDb,
        false,
      );
      expect(errors).toEqual([
        { line: 2, column: 'name', reason: '名称不能为空' },
        { line: 3, column: 'code', reason: '编码“H1”在文件中重复（第2行）' },
      ]);
    });

    it('reports a parent defined in the file when that parent row has its own error', () => {
      const { rows, errors } = validateOrgImport(
        table(
          ['411503', '平桥区', '区县', '', '411500', '4115', ''],
          ['H1', '平桥区人民医院', '机构', '医院', '411503', '411503', ''],
          ['H2', '平桥区中医院', '机构', '医院', '411503', '411503', ''],
        ),
        adminDb,
        false,
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([
        { line: 2, column: 'regionCode', reason: '行政区划代码必须是6位数字' },
        { line: 3, column: 'parentCode', reason: '上级“411503”（第2行）本身有错误' },
        { line: 4, column: 'parentCode', reason: '上级“411503”（第2行）本身有错误' },
      ]);
    });

    it('checks a child against its parent row in the file, not the database', () => {
      const { errors } = validateOrgImport(
        table(
          ['411503', '平桥区', '区县', '', '411500', '411503', ''],
          ['H1', '某医院', '机构', '医院', '411503', '411502', ''],
        ),
        adminDb,
        false,
      );
      expect(errors).toEqual([{ line: 3, column: 'regionCode', reason: '行政区划代码411502不在上级区域411503之内' }]);
    });
  });

  describe('jurisdiction and existing nodes', () => {
    it('lets a coordinator add institutions and counties inside its jurisdiction', () => {
      const { rows, errors } = validateOrgImport(
        table(
          ['411503', '平桥区', '区县', '', '411500', '411503', ''],
          ['H1', '平桥区人民医院', '机构', '医院', '411503', '411503', '二级甲等'],
          ['H2', '浉河区医院', '机构', '医院', '411502', '411502', ''],
        ),
        xinyangDb,
        false,
      );
      expect(errors).toEqual([]);
      expect(rows).toHaveLength(3);
    });

    it('rejects a parent outside the jurisdiction', () => {
      const { rows, errors } = validateOrgImport(
        table(
          ['H1', '郑州某医院', '机构', '医院', '410100', '410102', ''],
          ['411700', '驻马店市', '市', '', '410000', '411700', ''],
        ),
        xinyangDb,
        false,
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([
        { line: 2, column: 'parentCode', reason: '上级“410100”不在您的管辖范围内' },
        { line: 3, column: 'parentCode', reason: '上级“410000”不在您的管辖范围内' },
      ]);
    });

    it('rejects a code that already belongs to a node outside the jurisdiction, and nothing else on that row', () => {
      const { rows, errors } = validateOrgImport(
        table(['410100', '郑州市', '区县', '', '411500', '411503', '']),
        xinyangDb,
        false,
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([{ line: 2, column: 'code', reason: '编码“410100”已属于您管辖范围以外的机构' }]);
    });

    it('rejects moving an existing node to another parent', () => {
      const { rows, errors } = validateOrgImport(
        table(
          ['411503', '平桥区', '区县', '', '411500', '411503', ''],
          ['H-EXISTING', '某医院', '机构', '医院', '411503', '411503', ''],
        ),
        xinyangDb,
        false,
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([
        {
          line: 3,
          column: 'parentCode',
          reason: '已有机构“H-EXISTING”的上级是“411502”，导入不能移动机构，请在机构页面调整',
        },
      ]);
    });

    it('rejects changing the level of an existing node', () => {
      const { rows, errors } = validateOrgImport(
        table(['411502', '浉河区', '机构', '医院', '411500', '411502', '']),
        xinyangDb,
        false,
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([{ line: 2, column: 'level', reason: '已有机构“411502”的层级是区县，导入不能修改层级' }]);
    });

    it('reports both a level change and a move of the same existing node', () => {
      const { errors } = validateOrgImport(
        table(['410100', '郑州市', '区县', '', '411500', '411503', '']),
        adminDb,
        true,
      );
      expect(errors).toEqual([
        { line: 2, column: 'level', reason: '已有机构“410100”的层级是市，导入不能修改层级' },
        {
          line: 2,
          column: 'parentCode',
          reason: '已有机构“410100”的上级是“410000”，导入不能移动机构，请在机构页面调整',
        },
      ]);
    });

    it.each<[string, boolean, ImportRowError[]]>([
      ['an admin', true, []],
      ['a coordinator', false, [{ line: 2, column: 'level', reason: '只有系统管理员可以新增省级节点' }]],
    ])('a new province is allowed for %s only', (_who, canCreateRoots, expected) => {
      const result = validateOrgImport(
        table(['420000', '湖北省', '省', '', '', '420000', '']),
        emptyDb,
        canCreateRoots,
      );
      expect(result.errors).toEqual(expected);
      expect(result.rows).toHaveLength(expected.length ? 0 : 1);
    });

    it('looks the row code up to spot updates and the parent code to find parents', () => {
      const asked: string[] = [];
      validateOrgImport(
        table(['H1', '某医院', '机构', '医院', '411502', '411502', '']),
        (code) => {
          asked.push(code);
          return adminDb(code);
        },
        false,
      );
      expect(asked.sort()).toEqual(['411502', 'H1']);
    });
  });

  describe('values that only look like keys', () => {
    // The alias tables are plain objects, so Object.prototype members must not count as values.
    it.each<[string, string[], string]>([
      ['level "constructor"', ['H1', '某医院', 'constructor', '医院', '411502', '411502', ''], 'level'],
      ['level "__proto__"', ['H1', '某医院', '__proto__', '医院', '411502', '411502', ''], 'level'],
      // without a kind the row passes the first pass and the second pass throws a TypeError today
      ['level "toString" without a kind', ['411503', '平桥区', 'toString', '', '411500', '411503', ''], 'level'],
      ['kind "toString"', ['H1', '某医院', '机构', 'toString', '411502', '411502', ''], 'kind'],
      ['grade "valueOf"', ['H1', '某医院', '机构', '医院', '411502', '411502', 'valueOf'], 'grade'],
    ])('rejects %s as invalid', (_label, row, column) => {
      const result = validateOrgImport(table(row), adminDb, false);
      expect(result.rows).toEqual([]);
      expect(result.errors.map((e) => [e.line, e.column])).toContainEqual([2, column]);
    });
  });
});

describe('orderForInsert', () => {
  const row = (line: number, level: OrgLevel): OrgImportRow => ({
    line,
    code: `C${line}`,
    name: `n${line}`,
    level,
    kind: level === 'institution' ? 'hospital' : 'region',
    parentCode: null,
    regionCode: '410000',
    grade: null,
  });

  it('puts parents before children: by level, then by file order', () => {
    const input = [
      row(2, 'institution'),
      row(3, 'county'),
      row(4, 'institution'),
      row(5, 'city'),
      row(6, 'province'),
      row(7, 'county'),
    ];
    expect(orderForInsert(input).map((r) => r.line)).toEqual([6, 5, 3, 7, 2, 4]);
  });

  it('does not reorder the input array', () => {
    const input = [row(3, 'institution'), row(2, 'province')];
    orderForInsert(input);
    expect(input.map((r) => r.line)).toEqual([3, 2]);
  });

  it('handles an empty list', () => {
    expect(orderForInsert([])).toEqual([]);
  });
});
