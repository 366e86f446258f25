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
    '/node_modules/(auto-bind|jose)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // graphql-codegen (test/client.test.ts) requires auto-bind, and lib/oidc.ts jose: ES modules
  // (Node loads them with require(); jest's module system cannot), compiled to CommonJS here.
  transformIgnorePatterns: ['/node_modules/(?!auto-bind/|jose/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
