import type { Answer, EvidenceView } from './contracts';
import { describeChoice, diffVersions, evidenceSignature } from './diff';

const ev = (itemCode: string, fileName: string, sha256: string): EvidenceView => ({
  id: `${itemCode}-${fileName}`,
  itemCode,
  fileName,
  mime: 'application/pdf',
  size: 10,
  sha256,
  uploadedBy: 'u',
  uploadedAt: '2026-01-01T00:00:00Z',
});
const ans = (itemCode: string, selfScore: number | null, statement: string): Answer => ({
  itemCode,
  selfScore,
  statement,
});

describe('diffVersions', () => {
  it('finds nothing between equal versions', () => {
    const v = { answers: [ans('1.1.1', 3, 'a')], evidence: [ev('1.1.1', 'a.pdf', 'ab'.repeat(32))] };
    expect(diffVersions(v, { answers: [...v.answers], evidence: [...v.evidence].reverse() })).toEqual([]);
  });

  it('reports score, statement and evidence changes ordered by item code', () => {
    const a = {
      answers: [ans('1.10.1', 2, 'x'), ans('1.2.1', 3, '旧说明'), ans('2.1.1', null, '')],
      evidence: [ev('1.2.1', 'a.pdf', '1111111122222222')],
    };
    const b = {
      answers: [ans('1.2.1', 4, '新说明'), ans('1.10.1', 2, 'x'), ans('2.1.1', 1, '')],
      evidence: [
        ev('1.2.1', 'b.pdf', '3333333344444444'),
        ev('1.2.1', 'a.pdf', '1111111122222222'),
        ev('1.10.1', 'c.png', 'ffffffff00'),
      ],
    };
    expect(diffVersions(a, b)).toEqual([
      { itemCode: '1.2.1', field: 'selfScore', before: 3, after: 4 },
      { itemCode: '1.2.1', field: 'statement', before: '旧说明', after: '新说明' },
      { itemCode: '1.2.1', field: 'evidence', before: 'a.pdf (11111111)', after: 'a.pdf (11111111)、b.pdf (33333333)' },
      { itemCode: '1.10.1', field: 'evidence', before: null, after: 'c.png (ffffffff)' },
      { itemCode: '2.1.1', field: 'selfScore', before: null, after: 1 },
    ]);
  });

  it('sees a replaced file with the same name by its hash', () => {
    const a = { answers: [], evidence: [ev('1.1.1', 'a.pdf', 'aaaaaaaa')] };
    const b = { answers: [], evidence: [ev('1.1.1', 'a.pdf', 'bbbbbbbb')] };
    expect(diffVersions(a, b)).toEqual([
      { itemCode: '1.1.1', field: 'evidence', before: 'a.pdf (aaaaaaaa)', after: 'a.pdf (bbbbbbbb)' },
    ]);
  });

  it('reports an answer added or removed', () => {
    expect(diffVersions({ answers: [], evidence: [] }, { answers: [ans('1.1.1', 2, '说明')], evidence: [] })).toEqual([
      { itemCode: '1.1.1', field: 'selfScore', before: null, after: 2 },
      { itemCode: '1.1.1', field: 'statement', before: null, after: '说明' },
    ]);
    expect(diffVersions({ answers: [ans('1.1.1', null, '')], evidence: [] }, { answers: [], evidence: [] })).toEqual(
      [],
    );
  });

  it('signs evidence as a sorted list', () => {
    expect(evidenceSignature([], '1')).toBeNull();
    expect(evidenceSignature([ev('1', 'b', '22222222x'), ev('1', 'a', '11111111x'), ev('2', 'c', '3')], '1')).toBe(
      'a (11111111)、b (22222222)',
    );
  });
});

describe('the chosen answer in a diff', () => {
  it('shows a change of option even when the score stays (无此数据 → 有，部分符合国家标准, both 0)', () => {
    const a = {
      answers: [{ itemCode: '2.1.1.1', selfScore: 0, statement: '', choice: { option: 'no_data' as const } }],
      evidence: [],
    };
    const b = {
      answers: [{ itemCode: '2.1.1.1', selfScore: 0, statement: '', choice: { option: 'partial' as const } }],
      evidence: [],
    };
    expect(diffVersions(a, b)).toEqual([
      { itemCode: '2.1.1.1', field: 'choice', before: '无此数据', after: '有，部分符合国家标准' },
    ]);
  });

  it('describes every kind of answer as the documents print it', () => {
    expect(describeChoice({ level: '4B' })).toBe('四级乙等');
    expect(describeChoice({ level: null })).toBe('未达到任何等级要求');
    expect(describeChoice({ count: 5 })).toBe('5项');
    expect(describeChoice({ share: 28 / 30 })).toBe('93.3%');
    expect(describeChoice(null)).toBeNull();
  });
});
