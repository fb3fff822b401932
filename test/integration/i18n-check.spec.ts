/**
 * scripts/i18n-check.mjs on a small tree: a key used but missing, a key in one language only, a dead key,
 * a code raised but not catalogued are each caught; the repository itself passes.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../support/stack';

function run(root?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/i18n-check.mjs'), ...(root ? [root] : [])], {
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hutong-i18n-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const GOOD = {
  'libs/x/web/src/lib/x.texts.ts': `export const X_ZH = { 'x.title': '标题', 'x.count': '共 {n} 条' } as const;
export const X_EN: Record<keyof typeof X_ZH, string> = { 'x.title': 'Title', 'x.count': '{n} in total' };`,
  'libs/x/web/src/lib/x.page.ts': `const a = t('x.title'); const b = t('x.count', { n: 1 });`,
  'libs/x/model/src/lib/messages.ts': `export const X_MESSAGES = {
  'thing.taken': { status: 409, zh: '“{name}”已被占用', en: '“{name}” is taken' },
} satisfies MessageTable;`,
  'libs/x/server/src/lib/x.service.ts': `throw conflict('thing.taken', { name });`,
};

describe('scripts/i18n-check.mjs', () => {
  it('passes on the repository', () => {
    const { code, out } = run();
    expect([code, out]).toEqual([0, expect.stringMatching(/: ok\s*$/)]);
  });

  it('passes on a consistent tree', () => {
    const root = tree(GOOD);
    try {
      expect(run(root).code).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('catches a missing key, a one-language key, a dead key and an uncatalogued code', () => {
    const root = tree({
      ...GOOD,
      'libs/x/web/src/lib/x.texts.ts': `export const X_ZH = { 'x.title': '标题', 'x.count': '共 {n} 条', 'x.dead': '没用' } as const;
export const X_EN = { 'x.title': 'Title', 'x.count': '{n} in total', 'x.dead': 'unused', 'x.onlyEn': 'only' };`,
      'libs/x/web/src/lib/x.page.ts': `const a = t('x.title'); const b = t('x.count', { n: 1 }); const c = t('x.missing');`,
      'libs/x/server/src/lib/x.service.ts': `throw conflict('thing.taken', { name }); throw badRequest('thing.unknown');`,
    });
    try {
      const { code, out } = run(root);
      expect(code).toBe(1);
      expect(out).toContain("uses 'x.missing', which no text bundle has");
      expect(out).toContain("key 'x.onlyEn' has no Chinese text");
      expect(out).toContain("'x.dead' is used nowhere");
      expect(out).toContain("raises 'thing.unknown', which no catalogue has");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
