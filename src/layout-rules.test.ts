// The import rules of design.md are enforced by lint; prove the rules bite, so the layout cannot
// quietly rot if someone edits eslint.config.js.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports').length;
}

describe('layout rules', () => {
  it.each([
    ['src/web/features/x/probe.ts', "import { canStop } from '../../../dcs/status';"],
    ['src/web/features/x/probe.ts', "import { buildApp } from '../../../server/app';"],
    ['src/web/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['src/server/routes/probe.ts', "import { startSimulator } from '../../simulator';"],
    ['src/simulator/probe.ts', "import { redactSecrets } from '../server/redact';"],
    ['src/dcs/probe.ts', "import { taskIdSchema } from '../api/migration-tasks';"],
    ['src/api/probe.ts', "import { signRequest } from '../dcs/signer';"],
    ['src/dcs/probe.ts', "import { officialSign } from './testing/official-signer';"],
    ['src/web/features/x/probe.tsx', "import { renderWithProviders } from '../../testing/test-utils';"],
    ['src/web/features/x/probe.ts', "import { z } from 'zod';"],
    ['src/web/features/x/probe.ts', "import { toJSONSchema } from 'zod/v4';"],
  ])('%s may not contain: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport {};`)).toBe(1);
  });

  it.each([
    ['src/web/probe.ts', "import { canStop } from '../api/rules';"],
    ['src/web/probe.ts', "import type { MigrationTask } from '../api';"],
    ['src/server/main.ts', "import { startSimulator } from '../simulator';"],
    ['src/api/probe.ts', "import { TASK_ID_PATTERN } from '../dcs/ids';"],
    ['src/web/features/x/probe.test.tsx', "import { renderWithProviders } from '../../testing/test-utils';"],
  ])('%s may contain: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport {};`)).toBe(0);
  });
});
