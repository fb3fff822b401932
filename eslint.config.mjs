import nx from '@nx/eslint-plugin';

// What the server alone may use (and so never a model or web lib).
const SERVER_ONLY = [
  '@nestjs/*',
  '@mikro-orm/*',
  'bullmq',
  'ioredis',
  'exceljs',
  'docx',
  'nodemailer',
  'argon2',
  'pg',
  'express',
  'nestjs-pino',
  'pino',
  'pino-http',
];
// Model libs are framework-free rules and contracts that api, worker and web all read.
const MODEL_BANNED = [
  ...SERVER_ONLY,
  '@angular/*',
  'ng-zorro-antd',
  'ng-zorro-antd/*',
  'echarts',
  'ngx-echarts',
  'rxjs',
  'rxjs/*',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // ---- domain: a capability reaches only the capabilities below it, and the platform.
            // organisations ← identity ← assessment (users belong to organisations; applications to both)
            { sourceTag: 'domain:platform', onlyDependOnLibsWithTags: ['domain:platform'] },
            {
              sourceTag: 'domain:organisations',
              onlyDependOnLibsWithTags: ['domain:platform', 'domain:organisations'],
            },
            {
              sourceTag: 'domain:identity',
              onlyDependOnLibsWithTags: ['domain:platform', 'domain:organisations', 'domain:identity'],
            },
            {
              sourceTag: 'domain:assessment',
              onlyDependOnLibsWithTags: [
                'domain:platform',
                'domain:organisations',
                'domain:identity',
                'domain:assessment',
              ],
            },
            {
              sourceTag: 'domain:notifications',
              onlyDependOnLibsWithTags: [
                'domain:platform',
                'domain:organisations',
                'domain:identity',
                'domain:notifications',
              ],
            },
            {
              sourceTag: 'domain:tasks',
              onlyDependOnLibsWithTags: [
                'domain:platform',
                'domain:organisations',
                'domain:identity',
                'domain:assessment',
                'domain:notifications',
                'domain:tasks',
              ],
            },
            {
              sourceTag: 'domain:review',
              onlyDependOnLibsWithTags: [
                'domain:platform',
                'domain:organisations',
                'domain:identity',
                'domain:assessment',
                'domain:notifications',
                'domain:tasks',
                'domain:review',
              ],
            },
            {
              sourceTag: 'domain:monitoring',
              onlyDependOnLibsWithTags: [
                'domain:platform',
                'domain:organisations',
                'domain:identity',
                'domain:assessment',
                'domain:notifications',
                'domain:tasks',
                'domain:monitoring',
              ],
            },
            // the apps compose every capability (a new capability is added here and in the apps)
            {
              sourceTag: 'domain:app',
              onlyDependOnLibsWithTags: [
                'domain:platform',
                'domain:organisations',
                'domain:identity',
                'domain:assessment',
                'domain:notifications',
                'domain:tasks',
                'domain:review',
                'domain:monitoring',
              ],
            },
            // ---- type: framework-free models at the bottom; server and web never meet
            {
              sourceTag: 'type:model',
              onlyDependOnLibsWithTags: ['type:model'],
              bannedExternalImports: MODEL_BANNED,
            },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:model'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:model', 'type:config'] },
            {
              sourceTag: 'type:server',
              onlyDependOnLibsWithTags: ['type:model', 'type:config', 'type:data-access', 'type:server'],
              bannedExternalImports: ['@angular/*', 'ng-zorro-antd', 'ng-zorro-antd/*', 'echarts', 'ngx-echarts'],
            },
            {
              sourceTag: 'type:web',
              onlyDependOnLibsWithTags: ['type:model', 'type:web'],
              bannedExternalImports: SERVER_ONLY,
            },
            {
              sourceTag: 'type:app-server',
              onlyDependOnLibsWithTags: ['type:model', 'type:config', 'type:data-access', 'type:server'],
            },
            {
              sourceTag: 'type:app-web',
              onlyDependOnLibsWithTags: ['type:model', 'type:web'],
              bannedExternalImports: SERVER_ONLY,
            },
          ],
          banTransitiveDependencies: false,
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
];
