// Lint, including the import rules of the design: web imports only src/api; nothing imports the
// simulator but the server's entry point (and tests, e2e, bench); dcs imports nothing of ours;
// api imports only dcs enums and ids.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const groups = (names, message) => ({ group: names, message });
// Test helpers (the official SDK signer among them) never reach production code.
const testHelpers = groups(['**/testing', '**/testing/**'], 'Test helpers are for tests only.');
const restrict = (patterns, { inTests = false } = {}) => ({
  'no-restricted-imports': ['error', { patterns: inTests ? patterns : [...patterns, testHelpers] }],
});
const TESTS = ['src/**/*.test.{ts,tsx}', 'src/**/testing/**'];
const webLayout = [
  groups(['**/server', '**/server/**', '**/simulator', '**/simulator/**', '**/dcs', '**/dcs/**'], 'src/web may import only src/api (design.md: the browser sees exactly what api describes).'),
  groups(['node:*'], 'src/web runs in the browser.'),
];

// The browser bundle carries no zod: it takes values of the contract from src/api/rules only and
// types from the rest of src/api (`import type`); bench/bundle-budget.ts fails npm test if zod
// reaches a chunk anyway. See src/web/lib/response-shape.ts.
const browserStaysLight = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'zod', message: 'No zod in the browser bundle: check answers with src/web/lib/response-shape.ts.' }],
      patterns: [
        { group: ['zod/*'], message: 'No zod in the browser bundle.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/.output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['src/web/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // Playwright fixtures must destructure their (possibly empty) dependencies.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  { files: ['src/web/**/*.{ts,tsx}'], ignores: TESTS, rules: { ...restrict(webLayout), ...browserStaysLight } },
  { files: ['src/web/**/*.test.{ts,tsx}', 'src/web/**/testing/**'], rules: restrict(webLayout, { inTests: true }) },
  {
    files: ['src/dcs/**/*.ts'],
    ignores: TESTS,
    rules: restrict([groups(['**/api', '**/api/**', '**/server/**', '**/simulator/**', '**/web/**'], 'src/dcs imports nothing of ours.')]),
  },
  {
    files: ['src/api/**/*.ts'],
    ignores: TESTS,
    rules: restrict([
      groups(['**/server/**', '**/simulator/**', '**/web/**', '**/dcs/signer', '**/dcs/types', '**/dcs/paths'], 'src/api may import only enums and id rules from src/dcs.'),
    ]),
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/main.ts', ...TESTS],
    rules: restrict([
      groups(['**/simulator', '**/simulator/**'], 'Only the composition root (src/server/main.ts) knows the simulator; talk to the DCS API through DcsClient.'),
      groups(['**/web/**'], 'The server never imports the browser app.'),
    ]),
  },
  {
    files: ['src/simulator/**/*.ts'],
    ignores: TESTS,
    rules: restrict([groups(['**/api', '**/api/**', '**/server/**', '**/web/**'], 'The simulator is a separate program that speaks DCS; it may import only src/dcs.')]),
  },
);
