// Lint, including the import rules of the design: web imports only src/api (values from its rules
// only) and no feature imports another; nothing imports the simulator but the server's entry point
// (and tests, e2e, bench); only server/upstream reaches the cloud; dcs imports nothing of ours; api
// imports only dcs enums and ids. src/layout-rules.test.ts proves each rule bites, and that src
// has no import cycle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The design's import rules that a specifier pattern cannot express, because they depend on where
// the import resolves from where it is written (design.md, "Rules that keep the house simple"):
// - no cross-feature imports in src/web/features; src/web/lib, components and i18n never import a feature;
// - the browser takes only types from the contract (src/api), values only from src/api/rules.
const ROOT = path.dirname(fileURLToPath(import.meta.url));
const toPosix = (p) => p.split(path.sep).join('/');
const featureOf = (file) => /^src\/web\/features\/([^/]+)\//.exec(file)?.[1] ?? null;
const SHARED_WEB = /^src\/web\/(lib|components|i18n)\//;
const isTestFile = (file) => /\.test\.tsx?$/.test(file) || /\/testing\//.test(file);

const webBoundaries = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      crossFeature: 'No cross-feature imports: {{from}} may not import from features/{{to}}. Move what both need to src/web/app or src/web/lib.',
      sharedImportsFeature: 'src/web/{{room}} is shared by every feature and may not import one (features/{{to}}).',
      contractValue: 'The browser takes only types from the contract: use `import type`, or import values from src/api/rules (no zod).',
    },
  },
  create(context) {
    const file = toPosix(path.relative(ROOT, context.filename));
    if (!file.startsWith('src/web/')) return {};
    const from = featureOf(file);
    const check = (node, specifier, typeOnly) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = toPosix(path.relative(ROOT, path.resolve(path.dirname(context.filename), specifier)));
      const to = featureOf(`${target}/`);
      if (to && from && to !== from) context.report({ node, messageId: 'crossFeature', data: { from: `features/${from}`, to } });
      const shared = SHARED_WEB.exec(file);
      if (to && shared && !isTestFile(file)) context.report({ node, messageId: 'sharedImportsFeature', data: { room: shared[1], to } });
      const contract = target === 'src/api' || target.startsWith('src/api/');
      const rules = target === 'src/api/rules' || target.startsWith('src/api/rules/');
      if (contract && !rules && !typeOnly && !isTestFile(file)) context.report({ node, messageId: 'contractValue' });
    };
    const allType = (node, kind) => node[kind] === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s[kind] === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source.value, allType(node, 'importKind')),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, allType(node, 'exportKind')),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    };
  },
};
const layoutPlugin = { rules: { 'web-boundaries': webBoundaries } };

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
// The msw fixtures (tests only: nothing imports them outside tests, so they never reach the
// bundle) are projected by the simulator's own wire code and redacted by the server's own
// function, so they cannot drift from either. Those three modules only, and only there.
const mocksLayout = [
  {
    regex: String.raw`(^|/)(server(?!/upstream/redact$)|simulator(?!/(wire|model)$)|dcs)(/|$)`,
    message: 'Of the simulator and the server, src/web/testing/mocks may import only simulator/wire, simulator/model and server/upstream/redact.',
  },
  ...webLayout.slice(1),
];

const serverLayout = [
  groups(['**/simulator', '**/simulator/**'], 'Only the composition root (src/server/main.ts) knows the simulator; talk to the DCS API through DcsClient.'),
  groups(['**/web/**'], 'The server never imports the browser app.'),
];
const upstreamOnly = groups(['undici', 'undici/*', '**/dcs/signer', '**/dcs/paths'], 'Only src/server/upstream reaches the cloud (builds DCS URLs, signs, sends): go through DcsClient.');

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
  { files: ['src/web/**/*.{ts,tsx}'], plugins: { layout: layoutPlugin }, rules: { 'layout/web-boundaries': 'error' } },
  // Playwright fixtures must destructure their (possibly empty) dependencies.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  { files: ['src/web/**/*.{ts,tsx}'], ignores: TESTS, rules: { ...restrict(webLayout), ...browserStaysLight } },
  { files: ['src/web/**/*.test.{ts,tsx}', 'src/web/**/testing/**'], rules: restrict(webLayout, { inTests: true }) },
  { files: ['src/web/testing/mocks/**'], rules: restrict(mocksLayout, { inTests: true }) },
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
    rules: restrict([...serverLayout, upstreamOnly]),
  },
  // The edge: the one room that builds DCS URLs, signs and sends.
  { files: ['src/server/upstream/**/*.ts'], ignores: TESTS, rules: restrict(serverLayout) },
  {
    files: ['src/simulator/**/*.ts'],
    ignores: TESTS,
    rules: restrict([groups(['**/api', '**/api/**', '**/server/**', '**/web/**'], 'The simulator is a separate program that speaks DCS; it may import only src/dcs.')]),
  },
);
