/**
 * The Nx module boundaries really restrict imports: ESLint fails web code that imports server code,
 * and framework-free domain code that imports persistence. Positive controls show the same lines
 * pass where they are allowed, so the test cannot pass by the rule being off.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/stack';

function boundaryErrors(filePath: string, source: string): string[] {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', filePath],
    {
      cwd: ROOT,
      input: source,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const report = JSON.parse(res.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return report[0].messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  const serverImport = "import { AuditService } from '@hutong/server-features';\nexport const x = AuditService;\n";
  const persistenceImport =
    "import { Organisation } from '@hutong/server-persistence';\nexport const x = Organisation;\n";

  it('web code cannot import server code', () => {
    const errors = boundaryErrors('libs/web/features/src/lib/boundary-fixture.ts', serverImport);
    expect(errors.join('\n')).toMatch(/scope:web/);
  });

  it('the web app cannot import persistence', () => {
    expect(boundaryErrors('apps/web/src/app/boundary-fixture.ts', persistenceImport).length).toBeGreaterThan(0);
  });

  it('domain rules cannot import persistence', () => {
    expect(boundaryErrors('libs/shared/domain/src/lib/boundary-fixture.ts', persistenceImport).length).toBeGreaterThan(
      0,
    );
  });

  it('the api app may import server features (positive control)', () => {
    expect(boundaryErrors('apps/api/src/boundary-fixture.ts', serverImport)).toEqual([]);
  });
});
