// @ts-check
// npm run lint: typescript-eslint with type information, as `npm test` runs it (README "Checks").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'bench-results/**', 'test-artifacts/**', '.data/**', 'client/generated.ts', '.ci/node24/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Stated at the rule's level, not only inherited: an unawaited promise loses its errors.
      '@typescript-eslint/no-floating-promises': 'error',
      // Removing `async` from a function that throws turns a rejection into a synchronous throw:
      // behaviour callers see. Resolvers and interface methods stay async by contract.
      '@typescript-eslint/require-await': 'off',
      // Express 5 awaits a handler's promise and passes its rejection on; elsewhere a promise
      // handed to a callback that ignores it is still an error.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // The text cleaners match control characters on purpose: they strip them.
      'no-control-regex': 'off',
      // The official templates' ideographic spaces (U+3000) are wanted in template literals.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Imports at the top of every file: what a module depends on is read in one place.
      'no-restricted-syntax': ['error', { selector: 'Program > :not(ImportDeclaration) ~ ImportDeclaration', message: 'Imports go at the top of the file, before any other statement.' }],
    },
  },
  {
    // Tests and development tools read untyped JSON answers (GraphQL, pg rows) and assert on them.
    files: ['test/**', 'scripts/bench/**', 'scripts/bench*.ts', 'scripts/seed/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs,mts}'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  // CI's scripts run on Node itself.
  { files: ['.ci/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', fetch: 'readonly', setTimeout: 'readonly', URL: 'readonly' } } },
);
