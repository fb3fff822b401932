// NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning" npx jest -c test/jest.inproc.config.cjs [path]
// The in-process tier: every `libs/*/server/src/**/*.inproc.spec.ts`, each suite a Nest testing module with the real
// capability modules on its own PostgreSQL database, copied from a template migrated once per run (globalSetup).
// ESM (MikroORM 7 is ESM-only), transpile-only ts-jest; see docs/architecture.md, "Tests".
const { join } = require('node:path');

const rootDir = join(__dirname, '..');

module.exports = {
  displayName: 'in-process',
  rootDir,
  testMatch: ['<rootDir>/libs/*/server/src/**/*.inproc.spec.ts'],
  testEnvironment: 'node',
  moduleNameMapper: {
    // the tsconfig.base.json paths of the libs a server lib may import
    '^@hutong/([a-z]+)-(model|config|database|server)$': '<rootDir>/libs/$1/$2/src/index.ts',
    '^@hutong/([a-z]+)-(model|server)/testing$': '<rootDir>/libs/$1/$2/src/testing.ts',
    '^@hutong/assessment-model/official$': '<rootDir>/libs/assessment/model/src/official.ts',
    '^@hutong/platform-server/docx$': '<rootDir>/libs/platform/server/src/lib/files/official-docx.ts',
  },
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/inproc/tsconfig.json', useESM: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  globalSetup: '<rootDir>/test/inproc/global-setup.ts',
  globalTeardown: '<rootDir>/test/inproc/global-teardown.ts',
  testTimeout: 30_000,
  // two cores: two suites at a time, each on its own database
  maxWorkers: 2,
};
