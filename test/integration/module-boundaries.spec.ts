/**
 * The Nx module boundaries really restrict imports in two dimensions — domain (platform ← organisations ←
 * identity ← assessment) and type (model ← config/data-access ← server; model ← web) — and model libs
 * cannot import frameworks. Positive controls show the same lines
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

const importing = (lib: string, name: string) => `import { ${name} } from '${lib}';\nexport const x = ${name};\n`;

describe('module boundaries: domain × type', () => {
  it('web code cannot import server code (type)', () => {
    const errors = boundaryErrors(
      'libs/assessment/web/src/lib/boundary-fixture.ts',
      importing('@hutong/assessment-server', 'ApplicationService'),
    );
    expect(errors.join('\n')).toMatch(/type:web/);
  });

  it("the web app cannot import a capability's server lib", () => {
    expect(
      boundaryErrors('apps/web/src/app/boundary-fixture.ts', importing('@hutong/organisations-server', 'Organisation')),
    ).not.toEqual([]);
  });

  it('a model lib cannot import Nest, MikroORM, BullMQ, Angular or an exporter (banned external imports)', () => {
    for (const [pkg, name] of [
      ['@nestjs/common', 'Injectable'],
      ['@mikro-orm/postgresql', 'EntityManager'],
      ['bullmq', 'Queue'],
      ['@angular/core', 'signal'],
      ['exceljs', 'Workbook'],
    ]) {
      const errors = boundaryErrors('libs/assessment/model/src/lib/boundary-fixture.ts', importing(pkg, name));
      expect([pkg, errors.join('\n')]).toEqual([pkg, expect.stringContaining(`is not allowed to import "${pkg}"`)]);
    }
  });

  it('a model lib cannot import a server lib', () => {
    expect(
      boundaryErrors(
        'libs/assessment/model/src/lib/boundary-fixture.ts',
        importing('@hutong/organisations-server', 'OrganisationService'),
      ).join('\n'),
    ).toMatch(/type:model/);
  });

  it('organisations cannot reach into assessment (domain: capabilities depend downwards only)', () => {
    // (a pair with no path back, so Nx reports the rule rather than a cycle)
    const errors = boundaryErrors(
      'libs/organisations/web/src/lib/boundary-fixture.ts',
      importing('@hutong/assessment-model', 'STAGE_GRAPH'),
    );
    expect(errors.join('\n')).toMatch(/domain:organisations/);
  });

  it('the platform cannot import a capability', () => {
    const errors = boundaryErrors(
      'libs/platform/web/src/lib/boundary-fixture.ts',
      importing('@hutong/organisations-model', 'validateOrgImport'),
    );
    expect(errors.join('\n')).toMatch(/domain:platform/);
  });

  it('positive controls: assessment may use the organisations service; the api app composes every capability', () => {
    expect(
      boundaryErrors(
        'libs/assessment/server/src/lib/boundary-fixture.ts',
        importing('@hutong/organisations-server', 'OrganisationService'),
      ),
    ).toEqual([]);
    expect(
      boundaryErrors('apps/api/src/boundary-fixture.ts', importing('@hutong/assessment-server', 'AssessmentModule')),
    ).toEqual([]);
    expect(
      boundaryErrors('libs/assessment/model/src/lib/boundary-fixture.ts', importing('@hutong/platform-model', 'ROLES')),
    ).toEqual([]);
  });
});
