import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueProblems, example51Catalogue, tshiaCatalogue } from './catalogue';

/** The published list, as the fixture gives it (copied beside this spec from fixtures/monitoring/). */
const published = readFileSync(join(__dirname, 'fixtures/tshia-6.2-2020-tables.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .slice(1)
  .map((l) => l.split('\t'));

describe('the table catalogue', () => {
  it('ships the published T/SHIA 6.2—2020 list as it is: 59 tables in 13 domains', () => {
    const c = tshiaCatalogue();
    expect(c.tables.map((t) => [t.domain, t.code, t.name])).toEqual(published.map(([d, code, n]) => [d, code, n]));
    expect(c.tables).toHaveLength(59);
    expect(new Set(c.tables.map((t) => t.domain)).size).toBe(13);
    expect(catalogueProblems(c)).toEqual([]);
  });

  it('derives the example 51-table requirement, labelled as an example, with the tables that count visits and discharges', () => {
    const c = example51Catalogue();
    expect(c.tables).toHaveLength(51);
    expect(c.note).toContain('示例');
    const left = new Set(published.filter((r) => r[3] === '1').map((r) => r[1]));
    expect(left.size).toBe(8);
    expect(c.tables.some((t) => left.has(t.code))).toBe(false);
    expect(c.tables.filter((t) => t.counts).map((t) => [t.code, t.counts])).toEqual([
      ['TB_MZ_JZMXB', 'visits'],
      ['TB_ZY_CYDJMXB', 'discharges'],
    ]);
  });

  it('refuses duplicate or malformed codes and two tables counting the same thing', () => {
    expect(
      catalogueProblems({
        tables: [
          { code: 'TB_A', name: '甲', domain: '门急诊业务', counts: 'visits' },
          { code: 'TB_A', name: '乙', domain: '门急诊业务', counts: 'visits' },
          { code: 'bad code', name: '', domain: '住院业务' },
        ],
      }),
    ).toEqual([
      'monitoring.table_duplicate:TB_A',
      'monitoring.table_code_invalid:bad code',
      'monitoring.table_name_missing:bad code',
      'monitoring.counts_ambiguous:visits',
    ]);
    expect(catalogueProblems({ tables: [] })).toEqual(['monitoring.catalogue_empty']);
  });
});
