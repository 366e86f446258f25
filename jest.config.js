/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
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
