// ESM mode (run with NODE_OPTIONS=--experimental-vm-modules, as scripts/test.sh does for server projects):
// the OpenAPI test composes the app module, and MikroORM 7 is ESM-only.
module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', useESM: true, isolatedModules: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'html'],
  coverageDirectory: '../../coverage/apps/api',
};
