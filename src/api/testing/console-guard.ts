// Test setup for both vitest projects (installConsoleGuard() in each setup file): a test that prints a
// console.error or console.warn it did not say it expects fails, so a real warning (React's act(), a failed prop type, a library's
// complaint) cannot hide in a wall of output. Expected lines are kept out of the log entirely.
//
//   expectConsole('warn', /oidc-provider WARNING/);  // at file level: for every test of the file
//   it('...', () => { expectConsole('error', /boom/); ... });  // inside a test: for that test only
import { format } from 'node:util';
import { afterAll, afterEach, expect } from 'vitest';

type Kind = 'error' | 'warn';
interface Expectation {
  kind: Kind;
  pattern: RegExp;
  /** Set while a test runs: the expectation ends with that test. */
  test: string | undefined;
}

const expectations: Expectation[] = [];
const unexpected: string[] = [];
const INSTALLED = Symbol.for('dcs-console.console-guard');

const currentTest = () => expect.getState().currentTestName;

/** Says a console line matching `pattern` is expected: in this test, or (at file level) in the whole file. */
export function expectConsole(kind: Kind, pattern: RegExp): void {
  expectations.push({ kind, pattern, test: currentTest() });
}

function takeUnexpected(where: string): void {
  const found = unexpected.splice(0);
  if (found.length > 0) {
    throw new Error(`${where} printed ${found.length} unexpected console line(s); fix the cause, or say expectConsole(kind, pattern):\n${found.join('\n---\n')}`);
  }
}

const state = globalThis as { [INSTALLED]?: boolean };
if (!state[INSTALLED]) {
  state[INSTALLED] = true;
  for (const kind of ['error', 'warn'] as const) {
    const original = console[kind].bind(console);
    console[kind] = (...args: unknown[]) => {
      const text = format(...args);
      if (expectations.some((e) => e.kind === kind && e.pattern.test(text))) return;
      unexpected.push(`console.${kind}: ${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`);
      original(...args);
    };
  }
}

/**
 * Registers the checks for the test file being set up; call it in a setup file, before any other
 * afterEach, so (hooks run in reverse) it runs after them all, the app's unmount included: an
 * update that warns while a test tears down still counts. Called per file, since a setup file runs
 * again for each test file even where modules are shared (isolate: false).
 */
export function installConsoleGuard(): void {
  afterEach(() => {
    const test = currentTest();
    for (let i = expectations.length - 1; i >= 0; i--) if (expectations[i]!.test !== undefined && expectations[i]!.test === test) expectations.splice(i, 1);
    takeUnexpected('This test');
  });
  afterAll(() => {
    // File-level expectations end with their file.
    for (let i = expectations.length - 1; i >= 0; i--) if (expectations[i]!.test === undefined) expectations.splice(i, 1);
    takeUnexpected('This file (outside its tests)');
  });
}
