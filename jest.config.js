// One Jest config for the whole monorepo. Nest 12 is ESM-only, so Jest runs in ESM mode
// (NODE_OPTIONS=--experimental-vm-modules) and SWC compiles TypeScript with decorator metadata.
import { readFileSync } from 'node:fs';

const { compilerOptions } = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    ...aliases,
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The package's ES build imports its JSON metadata without an import attribute, which Jest's ESM
    // mode warns about on every import (hundreds of lines per run); its CommonJS build is the same code.
    '^libphonenumber-js/max$': '<rootDir>/node_modules/libphonenumber-js/max/index.cjs',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools,bench,deploy}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'] },
    // Issue 21 (npm run test:cluster): 3 NATS nodes, PostgreSQL primary + standby, 2 replicas of each service.
    { ...common, displayName: 'cluster', testMatch: ['<rootDir>/e2e/cluster/**/*.cluster-spec.ts'] },
    // The console in Debian's Chromium against the gateway and the four services (npm run test:browser).
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/e2e/**/*.browser-spec.ts'] },
  ],
  // Integration tests wait on real servers (with bounded waits of their own); no timed assertions.
  testTimeout: 120_000,
};
