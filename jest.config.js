/* global process */
// The bulk-import run at 100,000 rows takes minutes of both cores: `npm test` runs it after the
// rest, alone (HUB_TESTS=scale, `npm run test:scale`), not beside tests it would starve.
const SCALE = ['/test/e2e/import-scale\\.test\\.ts$'];
const scale = process.env.HUB_TESTS === 'scale';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: scale ? ['/node_modules/'] : ['/node_modules/', ...SCALE],
  ...(scale ? { testMatch: undefined, testRegex: SCALE } : {}),
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
    '/node_modules/(auto-bind|jose|@opentelemetry/otlp-exporter-base)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // graphql-codegen (test/client.test.ts) requires auto-bind, and lib/oidc.ts jose: ES modules
  // (Node loads them with require(); jest's module system cannot), compiled to CommonJS here. The
  // OTLP exporters load node:http with import(), which jest's CommonJS sandbox cannot run: made a
  // require here too (test/e2e/traces.test.ts).
  transformIgnorePatterns: ['/node_modules/(?!auto-bind/|jose/|(?:@opentelemetry/[^/]+/node_modules/)?@opentelemetry/otlp-exporter-base/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
