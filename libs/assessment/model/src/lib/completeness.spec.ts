import type { Answer, IndicatorNode } from './contracts';
import { completenessOf, describeMissing, missingForSubmit } from './completeness';
import { compareCodes, leavesUpTo, type IndicatorLeaf } from './schemes';
import { defaultSchemes } from '../official';

const leaf = (code: string, evidenceRequired = true): IndicatorLeaf => ({
  code,
  title: `指标${code}`,
  points: 5,
  minLevel: '1',
  mandatory: false,
  passScore: 3,
  evidenceRequired,
  method: 'document',
  children: [] as IndicatorNode[],
  path: ['类别', `指标${code}`],
});
const ok = (itemCode: string): Answer => ({ itemCode, selfScore: 4, statement: '已建设' });

describe('missingForSubmit', () => {
  it('returns nothing when every required leaf is complete', () => {
    expect(missingForSubmit([leaf('1.1.1'), leaf('1.1.2', false)], [ok('1.1.1'), ok('1.1.2')], ['1.1.1'])).toEqual([]);
  });

  it('reports a missing answer completely', () => {
    expect(missingForSubmit([leaf('1.1.1')], [], [])).toEqual([
      { itemCode: '1.1.1', title: '指标1.1.1', what: 'selfScore' },
      { itemCode: '1.1.1', title: '指标1.1.1', what: 'statement' },
      { itemCode: '1.1.1', title: '指标1.1.1', what: 'evidence' },
    ]);
  });

  it.each([
    ['null', null],
    ['negative', -0.5],
    ['above the points', 5.5],
    ['NaN', Number.NaN],
  ])('rejects a %s self-score', (_n, selfScore) => {
    const r = missingForSubmit([leaf('1.1.1', false)], [{ itemCode: '1.1.1', selfScore, statement: 'x' }], []);
    expect(r.map((m) => m.what)).toEqual(['selfScore']);
  });

  it('accepts the bounds 0 and points', () => {
    for (const selfScore of [0, 5]) {
      expect(missingForSubmit([leaf('1.1.1', false)], [{ itemCode: '1.1.1', selfScore, statement: 'x' }], [])).toEqual(
        [],
      );
    }
  });

  it('treats a blank statement as missing', () => {
    const r = missingForSubmit([leaf('1.1.1', false)], [{ itemCode: '1.1.1', selfScore: 1, statement: ' \n\t ' }], []);
    expect(r).toEqual([{ itemCode: '1.1.1', title: '指标1.1.1', what: 'statement' }]);
  });

  it('asks for evidence only where required, and ignores evidence of other items', () => {
    const r = missingForSubmit([leaf('1.1.1'), leaf('1.1.2', false)], [ok('1.1.1'), ok('1.1.2')], ['1.1.2']);
    expect(r).toEqual([{ itemCode: '1.1.1', title: '指标1.1.1', what: 'evidence' }]);
  });

  it('orders by item code in natural order', () => {
    const r = missingForSubmit([leaf('1.10.1'), leaf('2.1.1'), leaf('1.2.1'), leaf('1.2.10'), leaf('1.2.2')], [], []);
    expect([...new Set(r.map((m) => m.itemCode))]).toEqual(['1.2.1', '1.2.2', '1.2.10', '1.10.1', '2.1.1']);
  });

  it('lists the default required items up to a level', () => {
    const [hospital] = defaultSchemes();
    const required = leavesUpTo(hospital?.tree ?? [], '2');
    const r = missingForSubmit(required, [], []);
    // the official kinds need an answer (the printed options, a level, a count), not a typed score or statement
    expect(required.length).toBeGreaterThan(20);
    expect(r).toEqual(
      required
        .map((l) => ({ itemCode: l.code, title: l.title, what: 'selfScore' }))
        .sort((a, b) => compareCodes(a.itemCode, b.itemCode)),
    );
    const answered = required.map((l) => ({
      itemCode: l.code,
      selfScore: null,
      statement: '',
      choice:
        l.scoring === 'binary'
          ? { option: 'partial' as const }
          : l.scoring === 'tiered'
            ? { level: null }
            : { count: 0 },
    }));
    expect(missingForSubmit(required, answered, [])).toEqual([]);
  });

  it('describes a missing item in Chinese', () => {
    expect(describeMissing({ itemCode: '1.1.1', title: '标题', what: 'evidence' })).toBe('1.1.1 标题：缺少证明材料');
  });
});

describe('completenessOf', () => {
  it('gives one count and one list: a line per unfinished item with everything it lacks', () => {
    const required = [leaf('1.1.2'), leaf('1.1.1'), leaf('1.1.10', false)];
    const c = completenessOf(required, [ok('1.1.2'), { itemCode: '1.1.10', selfScore: 1, statement: ' ' }], []);
    expect(c.total).toBe(3);
    expect(c.done).toBe(0);
    expect(c.items).toEqual([
      { itemCode: '1.1.1', title: '指标1.1.1', what: ['selfScore', 'statement', 'evidence'] },
      { itemCode: '1.1.2', title: '指标1.1.2', what: ['evidence'] },
      { itemCode: '1.1.10', title: '指标1.1.10', what: ['statement'] },
    ]);
    expect(c.missing).toEqual(
      missingForSubmit(required, [ok('1.1.2'), { itemCode: '1.1.10', selfScore: 1, statement: ' ' }], []),
    );
    // done + unfinished items = total: the progress, the banner count and the list agree
    expect(c.done + c.items.length).toBe(c.total);
  });

  it('counts a complete item as done', () => {
    const c = completenessOf([leaf('1.1.1'), leaf('1.1.2', false)], [ok('1.1.1'), ok('1.1.2')], ['1.1.1']);
    expect(c).toMatchObject({ total: 2, done: 2, items: [], missing: [] });
  });
});
