import fc from 'fast-check';
import { bulletinFacts, bulletinNarrative, percent, type BulletinRow, narrativeNumberProblems } from './bulletin';

const row = fc.record<BulletinRow>({
  institution: fc.constant(''),
  connection: fc.constantFrom('not_connected', 'connected', 'connected', 'other_platform'),
  tier: fc.constantFrom(1, 2, 3, 4, null),
  tablesUploaded: fc.integer({ min: 0, max: 51 }),
  tablesRequired: fc.constant(51),
  uploadDays: fc.integer({ min: 0, max: 92 }),
  interruptionDays: fc.integer({ min: 0, max: 92 }),
  volume: fc.integer({ min: 0, max: 1_000_000 }),
});
const rows = fc.array(row, { maxLength: 60 }).map((rs) => rs.map((r, i) => ({ ...r, institution: `第${i + 1}医院` })));

const NARRATIVE = { scope: '信阳市', period: { from: '2026-10-01', to: '2026-12-31' } };

/** The number a narrative states after a phrase ("已联通35家" → 35). */
function stated(text: string, before: string): number {
  const m = new RegExp(`${before}(\\d+)家`).exec(text);
  if (!m) throw new Error(`no count after ${before}`);
  return Number(m[1]);
}

describe('a generated bulletin', () => {
  it('states in its narrative exactly the counts of its own attachment table (random tables)', () => {
    fc.assert(
      fc.property(rows, (table) => {
        const f = bulletinFacts(table);
        const text = bulletinNarrative(f, NARRATIVE).join('\n');
        const connected = table.filter((r) => r.connection !== 'not_connected');
        expect(stated(text, '医疗机构共')).toBe(table.length);
        expect(stated(text, '已联通')).toBe(connected.length);
        if (table.length) expect(text).toContain(`联通率${percent(connected.length / table.length)}`);
        const names = ['第一梯队', '第二梯队', '第三梯队', '第四梯队'];
        for (const [i, name] of names.entries()) {
          const members = connected.filter((r) => r.tier === i + 1);
          expect(stated(text, `${name}（[^）]*）`)).toBe(members.length);
          // and it names exactly those members
          const line = text.split('\n').find((l) => l.startsWith(name))!;
          for (const r of table)
            expect(line.includes(`${r.institution}、`) || line.includes(`${r.institution}。`)).toBe(
              members.includes(r),
            );
        }
        // every connected institution is in a tier or listed as in none; none is dropped
        const noTier = connected.filter((r) => r.tier === null).length;
        if (noTier) expect(stated(text, '未能划入梯队')).toBe(noTier);
        expect(f.noTier.length + Object.values(f.tiers).flat().length).toBe(connected.length);
        if (table.length - connected.length) expect(stated(text, '未联通')).toBe(table.length - connected.length);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the requirement with its deadline, and says when nothing was interrupted', () => {
    const text = bulletinNarrative(
      bulletinFacts([
        {
          institution: '信阳市中心医院',
          connection: 'connected',
          tier: 1,
          tablesUploaded: 51,
          tablesRequired: 51,
          uploadDays: 92,
          interruptionDays: 0,
          volume: 10,
        },
      ]),
      { ...NARRATIVE, requirement: { text: '请未联通机构报告原因、下一步措施和完成时间', due: '2027-01-15' } },
    );
    expect(text).toContain('统计期内各已联通机构数据上传均无中断。');
    expect(text[text.length - 1]).toBe('请未联通机构报告原因、下一步措施和完成时间，请于2027年1月15日前完成并报送。');
    expect(percent(36 / 41)).toBe('87.80%');
  });
});

describe('an edited narrative keeps the generated figures', () => {
  const generated = [
    '2026年7月1日至2026年9月30日，信阳市纳入监测的医疗机构共41家，已联通35家，联通率85.37%；未联通6家。',
  ];
  it('accepts rewording, shortening and reordering', () => {
    expect(
      narrativeNumberProblems(generated, ['截至2026年9月30日，全市41家医疗机构中已联通35家（85.37%），未联通6家。']),
    ).toEqual([]);
  });
  it('names a changed or added figure', () => {
    expect(narrativeNumberProblems(generated, ['全市41家医疗机构中已联通36家，联通率87.80%。'])).toEqual([
      '36',
      '87.80',
    ]);
    expect(narrativeNumberProblems(generated, ['已联通35家，另有35家正在联调。'])).toEqual(['35']);
  });
});
