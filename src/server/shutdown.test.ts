// Graceful shutdown of the real entry point: the console runs as a child process with its
// embedded simulators; a stop is in flight (slowed down in the simulator) when SIGTERM arrives.
// It must still be answered and recorded, new connections must be refused, and the process must
// exit 0 with the audit database intact.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_DB_FILE } from './audit/sqlite-store';

const STOP_ROUTE = 'POST /migration-task/{id}/stop';
const dataDir = mkdtempSync(join(tmpdir(), 'dcs-console-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SIGTERM', () => {
  it('lets a stop in flight finish, refuses new connections, closes the audit store and exits 0', { timeout: 20_000 }, async () => {
    const port = await freePort();
    const simulatorPort = await freePortPair();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), SIMULATOR_PORT: String(simulatorPort), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      const base = `http://127.0.0.1:${port}`;
      const simulator = `http://127.0.0.1:${simulatorPort}/__simulator`;
      await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true, 10_000, () => output);

      const session = await fetch(`${base}/api/session`);
      const token = ((await session.json()) as { csrf_token: string }).csrf_token;
      const tasks = (await (await fetch(`${base}/api/migration-tasks?status=INCRMIGEATING`)).json()) as { tasks: { task_id: string }[] };
      const taskId = tasks.tasks[0]!.task_id;
      await fetch(`${simulator}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: STOP_ROUTE, latency_ms: 1500, times: 1 }) });

      const stop = fetch(`${base}/api/migration-tasks/${taskId}/stop`, {
        method: 'POST',
        headers: { cookie: `dcs_csrf=${token}`, 'x-csrf-token': token, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'shutdown test' }),
      });
      const stopsSent = async () => ((await (await fetch(`${simulator}/requests`)).json()) as { routes: Record<string, number> }).routes[STOP_ROUTE];
      await until(async () => (await stopsSent()) === 1, 5000, () => output); // the stop is at the simulator, waiting
      child.kill('SIGTERM');

      await until(async () => (await tryConnect(port)) === 'refused', 5000, () => output);
      const answer = await stop;
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { status: string }).status).toBe('TERMINATING');
      const answered = performance.now();
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(performance.now() - answered).toBeLessThan(2000); // no wait for keep-alive connections
      expect(output).toMatch(/SIGTERM: shutting down/);

      const db = new Database(join(dataDir, AUDIT_DB_FILE), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db.prepare('SELECT outcome, reason, finished_at FROM audit_record WHERE task_id = ?').all(taskId);
        expect(rows).toEqual([{ outcome: 'accepted', reason: 'shutdown test', finished_at: expect.any(String) }]);
      } finally {
        db.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

async function until(check: () => Promise<boolean>, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; console output:\n${context()}`);
    await delay(50);
  }
}

/** A fresh TCP connection to the console: 'refused' once it no longer listens. */
function tryConnect(port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', () => resolve('refused'));
  });
}

function listenOn(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

async function freePort(): Promise<number> {
  return (await listenOn(0))!;
}

/** A free port whose successor is free too (the embedded demo starts two simulators). */
async function freePortPair(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await freePort();
    if (port < 65535 && (await listenOn(port + 1)) !== null) return port;
  }
  throw new Error('no two consecutive free ports');
}
