import nx from '@nx/eslint-plugin';

const scopes = ['registration', 'eligibility', 'transport', 'notifications', 'reporting', 'gateway'];

// Pure domain libraries: decisions only, no framework, database or broker (issue 16 item 5).
const domainLibs = ['areas', 'convoy-planner', 'eligibility-rules', 'names', 'phone', 'sms-text'];
const natsBan = { group: ['@nats-io/*', 'nats'], message: 'Only libs/shared/messaging talks to NATS; use its Outbox, handlers and RPC client.' };
const infraBan = {
  group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'express'],
  message: 'A domain library holds decisions only: no Nest, TypeORM, pg or HTTP; the services do the I/O.',
};
// Where NATS may be used directly: the messaging library, and test and benchmark harnesses by explicit exception.
const natsAllowed = [
  'libs/shared/messaging/**',
  'libs/shared/testing/**',
  '**/test/**',
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  'e2e/**',
  'bench/**',
  'tools/preflight.ts',
];

// Data access lives in repositories (issue 16 item 1): in the converted code a raw `.query(` outside a
// `*.repository.ts` is a lint error. Add a service's folders here as they are converted.
const repositoryOnly = [
  'apps/eligibility/src/**/*.ts',
  'apps/gateway/src/**/*.ts',
  'apps/notifications/src/**/*.ts',
  'apps/registration/src/**/*.ts',
  'apps/reporting/src/**/*.ts',
  'apps/transport/src/**/*.ts',
];
// Every service's folders are converted (issue 16); a folder listed here would be exempt while it is.
const repositoryOnlyNotYet = [];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'coverage', 'tmp', 'var'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // One app importing another app's code, or a library importing an app, is a lint error.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          depConstraints: [
            ...scopes.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
            })),
            // The console is a browser app: it talks to the services over HTTP only (generated clients).
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            {
              // type:testing is allowed for the libraries' own integration tests.
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-function': 'off',
      // Config classes annotate initialised properties on purpose: decorator metadata reads them.
      '@typescript-eslint/no-inferrable-types': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: natsAllowed,
    rules: { 'no-restricted-imports': ['error', { patterns: [natsBan] }] },
  },
  {
    files: domainLibs.map((lib) => `libs/${lib}/src/**/*.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: [natsBan, infraBan] }] },
  },
  {
    // Contracts are the wire format shared by every service: validation decorators only.
    files: ['libs/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // reflect-metadata: the polyfill class-transformer's @Type needs while a contract module is evaluated.
              regex: '^(?!class-validator$|class-transformer$|reflect-metadata$|\\.{1,2}/)',
              message: 'Contracts import only class-validator and class-transformer, its reflect-metadata polyfill (and each other).',
            },
          ],
        },
      ],
    },
  },
  {
    files: repositoryOnly,
    ignores: ['**/*.repository.ts', '**/migrations/**', '**/*.spec.ts', ...repositoryOnlyNotYet],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            'SQL goes in the aggregate\'s <aggregate>.repository.ts, its rows checked with queryRows/queryRow/execute from @awda/persistence (docs/service-guide.md).',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
