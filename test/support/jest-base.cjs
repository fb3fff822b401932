// Shared Jest settings of the cross-app suites (test/integration, test/e2e). They talk to the built
// apps over HTTP and to PostgreSQL with `pg` only — never MikroORM — so plain CJS ts-jest is enough.
const { join } = require('node:path');

const rootDir = join(__dirname, '../..');

module.exports = (folder) => ({
  displayName: folder,
  rootDir,
  testMatch: [`<rootDir>/test/${folder}/**/*.spec.ts`],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/support/tsconfig.json' }],
  },
  moduleNameMapper: {
    // the framework-free model libs (types and rules); never server or web code
    '^@hutong/(platform|organisations|identity|assessment)-model$': '<rootDir>/libs/$1/model/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  maxWorkers: 1,
});
