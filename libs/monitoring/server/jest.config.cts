module.exports = {
  displayName: 'monitoring-server',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }],
  },
  // *.inproc.spec.ts: the in-process tier, run by test/jest.inproc.config.cjs (ESM, a database per suite)
  testPathIgnorePatterns: ['/node_modules/', '\\.inproc\\.spec\\.ts$'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/monitoring/server',
};
