// Several consoles on one PostgreSQL database keep one progress history: each target's tasks are
// sampled by the one instance leading it (the simulator counts the stats calls: one per sample for
// the whole cluster, not one per instance), every instance answers GET …/history with the same
// samples, a task read only through a follower is sampled by the leader, and when the leader dies
// (it stops ticking, keeping its lease, as SIGKILL leaves it) another takes the target over once
// the lease has run out, with the history so far. Real apps, a real PostgreSQL server and
// simulator; the history's manual clock; background ticks run with historySampler.tick().
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressHistory } from '../../api/history';
import { HISTORY_BACKGROUND_INTERVAL_S } from '../../api/rules/history';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { buildApp } from '../app';
import { openPostgresAuditStore } from '../audit/sqlite-store';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { as, OPERATOR, proxyAuth, VIEWER } from '../testing/proxy-users';
import type { TestStack } from '../testing/stack';
import { LEASE_TICKS } from './cluster';
import { openPostgresHistoryStore } from './shared-store';

const INTERVAL_MS = HISTORY_BACKGROUND_INTERVAL_S * 1000;
let postgres: TestPostgres;
let sim: RunningSimulator;
let databaseUrl: string;
let databases = 0;
let clock = Date.UTC(2026, 0, 1, 12);
const open: FastifyInstance[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  sim = await startSimulator({ host: '127.0.0.1', port: 0, stopDelayMs: 300 });
});
afterAll(async () => {
  await sim.close();
  await postgres.close();
});
beforeEach(async () => {
  databaseUrl = postgres.createDatabase(`history_${++databases}`);
  await control('POST', '/reset');
});
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/__simulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}
const STATS = 'GET /migration-task/{id}/stats';
const statsCalls = async () => ((await control('GET', '/requests')) as { routes: Record<string, number> }).routes[STATS] ?? 0;

/** One console instance as main.ts opens it with DATABASE_URL; no background timer. */
async function instance(): Promise<TestStack> {
  const dcs = { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk' as const, ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 1000, timeoutMs: 1500, cacheTtlMs: 0, retry: { attempts: 1 } };
  const app = await buildApp({
    targets: [{ id: 'test', label: 'Test', region: 'test', simulated: true, dcs }],
    staticDir: null,
    logLevel: 'silent',
    auth: proxyAuth(),
    audit: openPostgresAuditStore(databaseUrl),
    history: { shared: openPostgresHistoryStore(databaseUrl, { now: () => clock, flushIntervalMs: 0 }), now: () => clock, sampler: { intervalMs: 0 } },
  });
  await app.ready();
  open.push(app);
  return { app } as TestStack; // `as` needs only the app
}

/** One background tick on each instance, in order; the clock moves `ms` first. */
async function tick(ms: number, stacks: TestStack[]): Promise<void> {
  clock += ms;
  for (const stack of stacks) await stack.app.historySampler.tick();
}

async function historyOn(stack: TestStack, id: string): Promise<ProgressHistory> {
  const res = await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/history`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const progressOf = (h: ProgressHistory) => h.samples.map((s) => s.full_migration_progress);

/** An online full-amount migration in full sync at `progress` %. */
async function fullSyncTask(stack: TestStack, progress: number): Promise<string> {
  const tasks = (await as(stack, OPERATOR, 'GET', '/api/migration-tasks?limit=1000')).json().tasks as { task_id: string; migration_type: string; migration_method: string }[];
  const id = tasks.find((t) => t.migration_type === 'online_migration' && t.migration_method === 'full_amount_migration')!.task_id;
  await control('POST', `/tasks/${id}/status`, { status: 'FULLMIGRATING' });
  await control('POST', `/tasks/${id}/progress`, { full_migration_progress: progress });
  return id;
}

describe('several instances keep one progress history', () => {
  it('samples each task once for the whole cluster, leader or follower read, and every instance answers the same history', async () => {
    const [a, b] = [await instance(), await instance()];
    await tick(0, [a, b]); // a comes first: it leads the target
    const id = await fullSyncTask(a, 10);

    // Read only through b, which does not lead: b confirms the task and notes the read; the leader samples it.
    expect(progressOf(await historyOn(b, id))).toEqual([]);
    await control('DELETE', '/requests');
    await tick(0, [b, a]);
    expect(await statsCalls()).toBe(1);
    await control('POST', `/tasks/${id}/progress`, { full_migration_progress: 25 });
    await tick(INTERVAL_MS, [a, b]);
    await tick(INTERVAL_MS, [b, a]);
    expect(await statsCalls()).toBe(3); // one per interval for the cluster, not one per instance
    await tick(0, [a]); // the leader writes what it sampled

    const fromB = await historyOn(b, id);
    expect(progressOf(fromB)).toEqual([10, 25, 25]);
    expect(fromB.samples[0]).toMatchObject({ status: 'FULLMIGRATING', is_migrating: true });
    expect(fromB.full_sync.progress).toBe(25);
    const fromA = await historyOn(a, id);
    expect(fromA.samples).toEqual(fromB.samples);
    expect(fromA.full_sync).toEqual(fromB.full_sync);
  });

  it('passes a dead leader’s targets to another instance once its lease runs out, history and all', async () => {
    const [a, b] = [await instance(), await instance()];
    await tick(0, [a, b]);
    const id = await fullSyncTask(a, 10);
    await historyOn(a, id);
    await tick(0, [a]); // a samples the task
    await tick(INTERVAL_MS, [a, b]); // writes it and samples again; its lease now runs LEASE_TICKS intervals
    await control('DELETE', '/requests');

    // a dies: it ticks no more, its lease stays. Until the lease runs out nobody samples.
    await control('POST', `/tasks/${id}/progress`, { full_migration_progress: 40 });
    await tick((LEASE_TICKS - 1) * INTERVAL_MS, [b]);
    await tick(INTERVAL_MS, [b]); // exactly at the lease's end: still a's
    expect(await statsCalls()).toBe(0);
    await tick(1, [b]); // past it: b leads, with the history so far, and samples on
    expect(await statsCalls()).toBe(1);
    await tick(INTERVAL_MS, [b]);
    // a's last sample was not written yet when it died: lost, as a SIGKILL loses up to one flush interval.
    expect(progressOf(await historyOn(b, id))).toEqual([10, 40, 40]);

    // a restarts (a new instance): b keeps the lead (the new one samples nothing) and it answers b's history.
    const restarted = await instance();
    await control('DELETE', '/requests');
    await tick(0, [restarted]);
    expect(await statsCalls()).toBe(0);
    await tick(0, [b]); // b writes its latest sample (a follower is at most one flush behind)
    expect(progressOf(await historyOn(restarted, id))).toEqual([10, 40, 40]);
    expect((await historyOn(restarted, id)).samples).toEqual((await historyOn(b, id)).samples);
  });
});
