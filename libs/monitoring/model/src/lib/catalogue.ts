import { TSHIA_6_2_2020_ROWS } from './tshia-6.2-2020';

/**
 * The table catalogue (上传表目录): the data tables a platform requires its institutions to upload, each in a
 * business domain; the tables that count outpatient/emergency visits and discharges give the upload rates.
 * Editable, versioned data: a scheme of the catalogue is a list of these.
 */
export type CountsKind = 'visits' | 'discharges';

export interface TableDef {
  code: string;
  name: string;
  /** 门急诊业务, 住院业务, 电子病历, 检验报告, 检查报告, 住院病案 … */
  domain: string;
  /** this table's records count 门急诊人次 (visits) or 出院人次 (discharges), for the upload rates */
  counts?: CountsKind;
}

export interface TableCatalogue {
  key: string;
  name: string;
  /** shown wherever the catalogue is: e.g. that it is an example, not a platform's own list */
  note: string;
  tables: TableDef[];
}

/** 门诊就诊明细表 counts visits, 出院登记明细表 discharges (one record per visit / per discharge). */
const COUNTS: Record<string, CountsKind> = { TB_MZ_JZMXB: 'visits', TB_ZY_CYDJMXB: 'discharges' };

function tablesOf(rows: typeof TSHIA_6_2_2020_ROWS): TableDef[] {
  return rows.map(([domain, code, name]) => ({
    code,
    name,
    domain,
    ...(COUNTS[code] ? { counts: COUNTS[code] } : {}),
  }));
}

/** The published T/SHIA 6.2—2020 list: 59 tables in 13 domains (the patient table of 4.2 has no code and is not listed). */
export function tshiaCatalogue(): TableCatalogue {
  return {
    key: 'tshia-6.2-2020',
    name: 'T/SHIA 6.2—2020 医疗服务数据库表（59张）',
    note: '四川省卫生信息学会团体标准 T/SHIA 6.2—2020 表4.1 公布的医疗服务数据库表列表。',
    tables: tablesOf(TSHIA_6_2_2020_ROWS),
  };
}

/**
 * The demo city's default requirement: an EXAMPLE of 51 tables — the T/SHIA list less 体检业务, 中医服务, 双向转诊
 * and 会诊业务. Not the Xinyang platform's own list (unpublished); its note says so.
 */
export function example51Catalogue(): TableCatalogue {
  return {
    key: 'example-51',
    name: '示例：51张必传表（据 T/SHIA 6.2—2020）',
    note: '示例要求：T/SHIA 6.2—2020 的59张表去掉体检业务、中医服务、双向转诊、会诊业务共8张，并非信阳市平台公布的清单。',
    tables: tablesOf(TSHIA_6_2_2020_ROWS.filter((r) => !r[3])),
  };
}

/** Problems with a catalogue, as codes; empty when usable (codes unique and well-formed, names present). */
export function catalogueProblems(c: Pick<TableCatalogue, 'tables'>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  if (!c.tables.length) problems.push('monitoring.catalogue_empty');
  for (const t of c.tables) {
    if (!/^[A-Z][A-Z0-9_]{1,63}$/.test(t.code)) problems.push(`monitoring.table_code_invalid:${t.code}`);
    if (seen.has(t.code)) problems.push(`monitoring.table_duplicate:${t.code}`);
    seen.add(t.code);
    if (!t.name.trim() || !t.domain.trim()) problems.push(`monitoring.table_name_missing:${t.code}`);
  }
  for (const kind of ['visits', 'discharges'] as const)
    if (c.tables.filter((t) => t.counts === kind).length > 1) problems.push(`monitoring.counts_ambiguous:${kind}`);
  return problems;
}
