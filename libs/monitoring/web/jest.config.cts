module.exports = {
  displayName: 'monitoring-web',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/../../platform/web/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/monitoring/web',
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // Angular's locale data ships as ESM .js files: transform it too
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|@angular/common/locales/))'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};
