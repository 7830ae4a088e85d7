// The whole console is SIGKILLed during a burst of stops; after a restart of the store, every
// stop that got an answer is in the audit log with that answer's outcome.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openSqliteAuditStore } from './sqlite-store';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

it('keeps every answered stop when the server is killed mid-burst', async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-kill-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, PORT: String(port), SIMULATOR_TASKS: '400', STOP_RATE_LIMIT: '10000', DATA_DIR: dir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  const session = await fetch(`${url}/api/session`);
  const csrf = ((await session.json()) as { csrf_token: string }).csrf_token;
  const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const list = (await (await fetch(`${url}/api/migration-tasks?limit=1000&status=INCRMIGEATING,FULLMIGRATING,MIGRATING`)).json()) as { tasks: { task_id: string }[] };
  expect(list.tasks.length).toBeGreaterThan(40);

  // Fire every stop at once; kill the server after the first answers come back.
  const answered: { requestId: string; taskId: string; status: number }[] = [];
  let killed = false;
  const stops = list.tasks.map(async ({ task_id }) => {
    try {
      const res = await fetch(`${url}/api/migration-tasks/${task_id}/stop`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ reason: 'burst' }),
      });
      await res.text();
      if (!killed) answered.push({ requestId: res.headers.get('x-request-id')!, taskId: task_id, status: res.status });
      if (answered.length >= 15 && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    } catch {
      // the server died under this request: no answer, so nothing is promised about it
    }
  });
  await Promise.all(stops);
  expect(await exited).toBe('SIGKILL');
  expect(answered.length).toBeGreaterThanOrEqual(15);
  expect(answered.length).toBeLessThan(list.tasks.length); // the kill really came mid-burst

  const store = openSqliteAuditStore(dir);
  try {
    const { records } = await store.list({ offset: 0, limit: 10_000 });
    const byRequest = new Map(records.map((r) => [r.request_id, r]));
    for (const answer of answered) {
      const record = byRequest.get(answer.requestId);
      expect(record, `stop of ${answer.taskId} answered ${answer.status}`).toBeDefined();
      expect(answer.status).toBe(200);
      expect(record).toMatchObject({ task_id: answer.taskId, reason: 'burst', outcome: 'accepted', status_after: 'TERMINATING', finished_at: expect.any(String) });
    }
  } finally {
    await store.close();
  }
}, 60_000);
