// An answered stop survives the console being killed: a child process commits records and says
// "ok" after each; it is SIGKILLed mid-stream, and every record it vouched for is on disk.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openSqliteAuditStore } from './sqlite-store';

const writer = fileURLToPath(new URL('./testing/audit-writer.ts', import.meta.url));
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps every record whose commit was reported when the process is SIGKILLed', async () => {
  expect(existsSync(fileURLToPath(new URL('../../../node_modules/tsx', import.meta.url)))).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'audit-durability-'));
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acknowledged: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`the writer ended before it was killed: ${stderr}`)));
    child.stdout.on('data', (chunk) => {
      buffered += String(chunk);
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('ok ')) acknowledged.push(line.slice(3));
      if (acknowledged.length >= 200) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  expect(await exited).toBe('SIGKILL');

  const store = openSqliteAuditStore(dir);
  try {
    const { count, records } = await store.list({ offset: 0, limit: 1_000_000, user: 'writer' });
    expect(count).toBeGreaterThanOrEqual(acknowledged.length);
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const id of acknowledged) expect(byId.get(id), id).toMatchObject({ outcome: 'accepted', status_after: 'TERMINATING', finished_at: expect.any(String) });
  } finally {
    await store.close();
  }
}, 30_000);
