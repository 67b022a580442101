// ESLint for the whole monorepo: typescript-eslint's strict type-checked rules on every
// TypeScript source (each file is checked against the tsconfig.json nearest to it, so the
// webapp is linted as browser code and the packages as Node code), size limits that keep units
// readable, and eslint-config-prettier last so that layout is Prettier's business alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A function with more branches than this is split into named steps. */
const MAX_COMPLEXITY = 12;
/** Lines of code (blank lines and comments not counted) in one function. */
const MAX_FUNCTION_LINES = 60;

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      'docs/api/',
      // tsc output of webapp/src
      'webapp/public/js/',
      '**/*.d.ts',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      complexity: ['error', MAX_COMPLEXITY],
      'max-lines-per-function': ['error', { max: MAX_FUNCTION_LINES, skipBlankLines: true, skipComments: true, IIFEs: true }],
      // Numbers and booleans in messages and keys are written as the domain writes them
      // (`block ${n}`); what stays forbidden is interpolating objects, null and undefined.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowAny: false, allowNullish: false, allowRegExp: false, allowNever: false },
      ],
      // `() => resolve()` and `(e) => reject(e)` callbacks are the idiom for wiring listeners and
      // promises; statement bodies stay checked (46 hits on main, almost all such callbacks).
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `_`-prefixed parameters and destructured rest siblings are deliberate: an interface's
      // signature that an implementation does not need, or an object minus some fields.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['webapp/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    rules: {
      // chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // A mocha `describe` callback is a list of `it` cases, not a unit of logic, and the rule
    // cannot tell it from a function: in test files its length is the number of cases. Test
    // helpers (test/support, test/bench, harnesses) keep the limit, and so does `complexity`.
    files: ['test/**/*.test.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // Plain JavaScript (CommonJS entry points, the Fabric scripts, a chaincode fixture written in
    // JavaScript on purpose): no type information, so the type-aware rules are switched off.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
