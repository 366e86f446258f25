/* global process */
// Tests that measure memory or take minutes of both cores: `npm test` runs them after the rest,
// each in a jest process of its own (HUB_TESTS=scale, `npm run test:scale`), not beside tests that would starve them or
// that they would starve (the 100,000-row import; the evidence files' 25 MB up and down).
const SCALE = ['/test/e2e/(import-scale|evidence|evidence-s3)\\.test\\.ts$'];
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
  // Timeouts catch a hang, not slowness: on a shared 2-core machine the suite ran 2.5 times slower
  // than on another, and a hook that sets up fifty leads took over 60 s there.
  testTimeout: 180_000,
  maxWorkers: 2,
};
