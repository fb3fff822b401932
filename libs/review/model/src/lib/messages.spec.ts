import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderMessage } from '@hutong/platform-model';
import {
  CONFLICT_KINDS,
  CONFORMANCE_CATEGORIES,
  CONFORMANCE_COLUMNS,
  CYCLE_SCOPES,
  EXPERT_POOLS,
  SPECIALTIES,
} from './contracts';
import {
  CONFLICT_KIND_LABELS,
  CONFORMANCE_CATEGORY_LABELS,
  CONFORMANCE_COLUMN_LABELS,
  CYCLE_SCOPE_LABELS,
  EXPERT_POOL_LABELS,
  REVIEW_CATALOGUE,
  SPECIALTY_LABELS,
  reviewError,
} from './messages';

const placeholders = (s: string): string =>
  [...s.matchAll(/\{(\w+)(?:\|\w+)?\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

describe('the review catalogue', () => {
  it('has Chinese and English for every code, with the same placeholders', () => {
    for (const [code, entry] of Object.entries(REVIEW_CATALOGUE.messages)) {
      expect(code).toMatch(/^review\.[a-z0-9_]+$/);
      expect(entry.zh.trim()).not.toBe('');
      expect(entry.en.trim()).not.toBe('');
      expect([code, placeholders(entry.zh)]).toEqual([code, placeholders(entry.en)]);
    }
  });

  it('has every code the rules produce (scanned from the sources)', () => {
    const dir = __dirname;
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.spec.ts') && n !== 'messages.ts'))
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(review\.[a-z0-9_]+)'/g)) used.add(m[1] as string);
    // the conflict codes are built from the kinds
    for (const k of CONFLICT_KINDS) used.add(`review.conflict_${k}`);
    expect(used.size).toBeGreaterThan(20);
    for (const code of used) expect([code, code in REVIEW_CATALOGUE.messages]).toEqual([code, true]);
  });

  it('labels every specialty, pool, conflict kind, scope, category and column in both languages', () => {
    const check = (values: readonly string[], table: Record<string, { zh: string; en: string }>): void => {
      expect(Object.keys(table).sort()).toEqual([...values].sort());
      for (const v of values) expect(table[v]?.zh && table[v]?.en).toBeTruthy();
    };
    check(SPECIALTIES, SPECIALTY_LABELS);
    check(EXPERT_POOLS, EXPERT_POOL_LABELS);
    check(CONFLICT_KINDS, CONFLICT_KIND_LABELS);
    check(CYCLE_SCOPES, CYCLE_SCOPE_LABELS);
    check(CONFORMANCE_CATEGORIES, CONFORMANCE_CATEGORY_LABELS);
    check(CONFORMANCE_COLUMNS, CONFORMANCE_COLUMN_LABELS);
    expect(SPECIALTY_LABELS.infrastructure.zh).toBe('基础设施与安全');
  });

  it('renders params through its label tables', () => {
    expect(
      renderMessage(
        REVIEW_CATALOGUE,
        'review.conformance_duplicate',
        { category: 'document', code: 'D1', firstRow: 3 },
        'zh',
      ),
    ).toBe('共享文档“D1”重复（第 3 行已有）');
    expect(renderMessage(REVIEW_CATALOGUE, 'review.conformance_missing_column', { column: 'failed' }, 'en')).toBe(
      'The column “failed” is missing',
    );
    expect(
      renderMessage(REVIEW_CATALOGUE, 'review.agenda_invalid_minutes', { field: 'present', min: 1, max: 480 }, 'zh'),
    ).toBe('汇报的分钟数应为 1–480 的整数');
  });

  it('reviewError carries the code, params and status', () => {
    const e = reviewError('review.agenda_past_midnight', { name: 'x', overflow: '00:10' });
    expect([e.code, e.params, e.status]).toEqual([
      'review.agenda_past_midnight',
      { name: 'x', overflow: '00:10' },
      400,
    ]);
  });
});
