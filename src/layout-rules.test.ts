// The import rules of design.md are enforced by lint; prove each rule bites, so the layout cannot
// quietly rot if someone edits eslint.config.js. And src has no import cycle, anywhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const LAYOUT_RULES = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports', 'layout/web-boundaries']);

async function layoutProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId !== null && LAYOUT_RULES.has(m.ruleId)).map((m) => m.message);
}

describe('layout rules', () => {
  it.each([
    // web: only the contract, and of it only types and rules
    ['src/web/features/x/probe.ts', "import { canStop } from '../../../dcs/status';"],
    ['src/web/features/x/probe.ts', "import { buildApp } from '../../../server/app';"],
    ['src/web/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['src/web/features/x/probe.ts', "import { z } from 'zod';"],
    ['src/web/features/x/probe.ts', "import { toJSONSchema } from 'zod/v4';"],
    ['src/web/features/x/probe.ts', "import { taskIdSchema } from '../../../api/migration-tasks';"],
    ['src/web/lib/probe.ts', "import { CSRF_HEADER } from '../../api';"],
    ['src/web/lib/probe.ts', "export { CSRF_HEADER } from '../../api/session';"],
    // web: no feature imports another; shared rooms import no feature
    ['src/web/features/audit/probe.ts', "import { useCurrentTarget } from '../targets/lib/current-target';"],
    ['src/web/features/audit/components/probe.tsx', "import type { StopEntry } from '../../migration-tasks/lib/stop-tracker';"],
    ['src/web/features/audit/components/probe.test.tsx', "import { taskKeys } from '../../migration-tasks/api/query-keys';"],
    ['src/web/features/audit/probe.ts', "const lazy = () => import('../session/api/get-session');"],
    ['src/web/lib/probe.ts', "import { useSession } from '../features/session/api/get-session';"],
    ['src/web/components/probe.tsx', "import { StatusBadge } from '../features/migration-tasks/components/status-badge';"],
    // test helpers stay out of production code
    ['src/dcs/probe.ts', "import { officialSign } from './testing/official-signer';"],
    ['src/web/features/x/probe.tsx', "import { renderWithProviders } from '../../testing/test-utils';"],
    // the msw fixtures' exception is theirs alone, and only for the wire projections and the redaction
    ['src/web/features/x/probe.test.tsx', "import { toDetail } from '../../../simulator/wire';"],
    ['src/web/testing/probe.ts', "import { toDetail } from '../../simulator/wire';"],
    ['src/web/testing/mocks/x.ts', "import { startSimulator } from '../../../simulator';"],
    ['src/web/testing/mocks/x.ts', "import { buildApp } from '../../../server/app';"],
    // server: the simulator only through main.ts, the cloud only through upstream/
    ['src/server/migration-tasks/probe.ts', "import { startSimulator } from '../../simulator';"],
    ['src/server/migration-tasks/probe.ts', "import { request } from 'undici';"],
    ['src/server/audit/probe.ts', "import { signRequest } from '../../dcs/signer';"],
    ['src/server/history/probe.ts', "import { taskPath } from '../../dcs/paths';"],
    ['src/server/app.ts', "import { Agent } from 'undici';"],
    // the parts below the server
    ['src/simulator/probe.ts', "import { redactSecrets } from '../server/upstream/redact';"],
    ['src/dcs/probe.ts', "import { taskIdSchema } from '../api/migration-tasks';"],
    ['src/api/probe.ts', "import { signRequest } from '../dcs/signer';"],
  ])('%s may not contain: %s', async (filePath, code) => {
    expect(await layoutProblems(filePath, `${code}\nexport {};`)).toHaveLength(1);
  });

  it.each([
    ['src/web/probe.ts', "import { canStop } from '../api/rules';"],
    ['src/web/probe.ts', "import type { MigrationTask } from '../api';"],
    ['src/web/lib/probe.ts', "import { type Session } from '../../api/session';"],
    ['src/web/features/audit/probe.ts', "import { auditKeys } from './api/query-keys';"],
    ['src/web/features/audit/components/probe.tsx', "import { useNow } from '../../../lib/use-now';"],
    ['src/web/app/probe.tsx', "import { TaskListPage } from '../features/migration-tasks/components/task-list-page';"],
    ['src/web/testing/probe.ts', "import { taskKeys } from '../features/migration-tasks/api/query-keys';"],
    ['src/server/main.ts', "import { startSimulator } from '../simulator';"],
    ['src/server/upstream/probe.ts', "import { request } from 'undici';"],
    ['src/server/upstream/probe.ts', "import { signRequest } from '../../dcs/signer';"],
    ['src/api/probe.ts', "import { TASK_ID_PATTERN } from '../dcs/ids';"],
    ['src/web/features/x/probe.test.tsx', "import { renderWithProviders } from '../../testing/test-utils';"],
    ['src/web/testing/mocks/x.ts', "import { toDetail, toListItem } from '../../../simulator/wire';"],
    ['src/web/testing/mocks/x.ts', "import { redactSecrets } from '../../../server/upstream/redact';"],
  ])('%s may contain: %s', async (filePath, code) => {
    expect(await layoutProblems(filePath, `${code}\nexport {};`)).toEqual([]);
  });
});

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/** The files `file` imports statically (relative specifiers resolved the way tsx and Vite do). */
function importsOf(file: string, source: string, exists: (file: string) => boolean): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    if (!specifier.startsWith('.')) continue;
    const base = path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/, '');
    const target = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((candidate) => /\.tsx?$/.test(candidate) && exists(candidate));
    if (target) found.push(target);
  }
  return found;
}

/** Each set of files that import one another in a ring (Tarjan's strongly connected components). */
function importCycles(files: string[], read: (file: string) => string, exists: (file: string) => boolean): string[][] {
  const edges = new Map(files.map((file) => [file, importsOf(file, read(file), exists)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const ring: string[] = [];
      let member: string;
      do ring.push((member = stack.pop()!));
      while (member !== file);
      if (ring.length > 1 || edges.get(file)!.includes(file)) cycles.push(ring.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

/** Every TypeScript file under `dir`, relative to the repository root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe('import cycles', () => {
  it('finds a cycle when there is one (a → b → c → a), and none in a chain', () => {
    const files = { 'a.ts': "import { b } from './b';", 'b.ts': "export { c } from './c';", 'c.ts': "import type { A } from './a';", 'd.ts': "import './a';" };
    expect(importCycles(Object.keys(files), (file) => files[file as keyof typeof files], (file) => file in files)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    const chain = { 'a.ts': "import { b } from './b';", 'b.ts': "import { c } from './c';", 'c.ts': 'export const c = 1;' };
    expect(importCycles(Object.keys(chain), (file) => chain[file as keyof typeof chain], (file) => file in chain)).toEqual([]);
  });

  it('src has none: no file reaches itself through static imports (type-only imports count)', () => {
    const files = sourceFiles('src');
    const cycles = importCycles(files, (file) => readFileSync(file, 'utf8'), existsSync);
    expect(cycles.map((cycle) => cycle.join(' → ')), 'import cycles in src').toEqual([]);
  });
});
