// Watches survive a console restart (DATA_DIR/caught-up.db), a stop cut off by a shutdown is
// reported, closing the app stops the polling, and scheduling shares the stop rate limit while
// cancelling does not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtUpWatch } from '../../api/caught-up';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { buildApp } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import { errorOf, type TestStack } from '../testing/stack';
import { as, OPERATOR, proxyAuth, VIEWER } from '../testing/proxy-users';
import { openSqliteWatchStore } from './watch-store';

let sim: RunningSimulator;
let dataDir: string;
let clock = Date.UTC(2026, 0, 1, 12);
const open: FastifyInstance[] = [];

beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, stopDelayMs: 300 });
  dataDir = mkdtempSync(join(tmpdir(), 'dcs-console-watch-'));
});
afterAll(async () => {
  for (const app of open) await app.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A console over DATA_DIR: audit.db and caught-up.db, as main.ts opens them. */
async function console(options: { stopRateLimit?: number; tickMs?: number } = {}): Promise<TestStack> {
  const app = await buildApp({
    targets: [{ id: 'test', label: 'Test', region: 'test', simulated: true, dcs: { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk', ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 1000, timeoutMs: 1500 } }],
    staticDir: null,
    logLevel: 'silent',
    auth: proxyAuth(options.stopRateLimit),
    audit: openSqliteAuditStore(dataDir),
    caughtUp: { store: openSqliteWatchStore(dataDir), now: () => clock, tickMs: options.tickMs ?? 0 },
  });
  await app.ready();
  open.push(app);
  return { app } as TestStack; // `as` needs only the app
}

async function incrementalTasks(stack: TestStack): Promise<string[]> {
  const tasks = (await as(stack, VIEWER, 'GET', '/api/migration-tasks?limit=1000')).json().tasks as { task_id: string; status: string }[];
  return tasks.filter((t) => t.status === 'INCRMIGEATING').map((t) => t.task_id);
}
const url = (id: string) => `/api/migration-tasks/${id}/stop-when-caught-up`;
const watchOf = async (stack: TestStack, id: string) => (await as(stack, VIEWER, 'GET', url(id))).json().watch as CaughtUpWatch;
const pollAt = async (stack: TestStack, advanceS: number) => {
  clock += advanceS * 1000;
  await stack.app.caughtUp.pollDue();
};

describe('a console restart', () => {
  it('resumes a waiting watch, counting again from 0, and stops the task in the end', async () => {
    const first = await console();
    const [id] = await incrementalTasks(first);
    await fetch(`${sim.url}/__simulator/tasks/${id}/progress`, { method: 'POST', body: JSON.stringify({ offset: 0 }) });
    expect((await as(first, OPERATOR, 'POST', url(id!), { payload: { consecutive_polls: 2, reason: 'night switch' } })).statusCode).toBe(201);
    await pollAt(first, 0);
    expect((await watchOf(first, id!)).polls_in_a_row).toBe(1);
    await first.app.close();

    const second = await console();
    expect(await watchOf(second, id!)).toMatchObject({ state: 'waiting', polls_in_a_row: 0, created_by: 'olga', reason: 'night switch' });
    await pollAt(second, 5);
    expect((await watchOf(second, id!)).polls_in_a_row).toBe(1);
    await pollAt(second, 5);
    expect(await watchOf(second, id!)).toMatchObject({ state: 'done', stop: { outcome: 'accepted' } });
    const audit = (await as(second, OPERATOR, 'GET', `/api/audit?task_id=${id}`)).json().records as { action: string; user: string }[];
    expect(audit.map((r) => [r.action, r.user])).toEqual([
      ['caught-up-stop', 'olga'],
      ['caught-up-schedule', 'olga'],
    ]);
    await second.app.close();
  });

  it('fails a watch the shutdown caught while its stop was being sent, visibly in the audit trail', async () => {
    const first = await console();
    const id = (await incrementalTasks(first))[1]!;
    const watch = (await as(first, OPERATOR, 'POST', url(id), { payload: {} })).json() as CaughtUpWatch;
    await first.app.close();
    const store = openSqliteWatchStore(dataDir);
    // As a console killed mid-stop leaves it once its lease has run out.
    expect(await store.transition({ ...watch, state: 'stopping', next_poll_at: null }, { state: 'waiting' }, null)).toBe(true);
    await store.close();

    const second = await console();
    expect(await watchOf(second, id)).toMatchObject({ state: 'failed', failure_code: 'CONSOLE_RESTARTED' });
    const [latest] = (await as(second, OPERATOR, 'GET', `/api/audit?task_id=${id}&limit=1`)).json().records;
    expect(latest).toMatchObject({ action: 'caught-up-cancel', user: 'console', outcome: 'failed', error_code: 'CONSOLE_RESTARTED' });
    await second.app.close();
  });
});

describe('closing the app', () => {
  it('stops polling: no poll reaches the cloud afterwards', async () => {
    const stack = await console({ tickMs: 5 });
    const id = (await incrementalTasks(stack))[2]!;
    expect((await as(stack, OPERATOR, 'POST', url(id), { payload: {} })).statusCode).toBe(201);
    await stack.app.close();
    await fetch(`${sim.url}/__simulator/requests`, { method: 'DELETE' });
    clock += 60_000;
    await stack.app.caughtUp.pollDue();
    const counts = (await (await fetch(`${sim.url}/__simulator/requests`)).json()) as { total: number };
    expect(counts.total).toBe(0);
  });
});

describe('the stop rate limit', () => {
  it('counts scheduling like a stop; cancelling is never limited', async () => {
    const stack = await console({ stopRateLimit: 1 });
    const [a, b] = (await incrementalTasks(stack)).slice(3);
    expect((await as(stack, OPERATOR, 'POST', url(a!), { payload: {} })).statusCode).toBe(201);
    const limited = await as(stack, OPERATOR, 'POST', url(b!), { payload: {} });
    expect([limited.statusCode, errorOf(limited).code]).toEqual([429, 'RATE_LIMITED']);
    expect((await as(stack, OPERATOR, 'DELETE', url(a!))).statusCode).toBe(200);
    await stack.app.close();
  });
});
