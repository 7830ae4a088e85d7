// Several consoles on one PostgreSQL database (DATABASE_URL) and one cloud behave as one: a watch
// set on one instance is read and cancelled on another; it is polled by the one instance holding
// its lease; when that instance dies (halt(): it stops, keeping its leases, as SIGKILL leaves them)
// another takes the watch over once the lease has run out; and the stop reaches the cloud exactly
// once, counted by the simulator, even when instances race for the same due watch. Real apps, a
// real server and simulator, the watchers' manual clock; polls run with pollDue().
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaughtUpWatch } from '../../api/caught-up';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { buildApp } from '../app';
import { openPostgresAuditStore } from '../audit/sqlite-store';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { as, OPERATOR, proxyAuth, VIEWER } from '../testing/proxy-users';
import { errorOf, type TestStack } from '../testing/stack';
import { openPostgresWatchStore } from './watch-store';

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
  databaseUrl = postgres.createDatabase(`instances_${++databases}`);
  await control('POST', '/reset');
  await control('DELETE', '/requests');
});
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/__simulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}
const upstream = async (route: string) => ((await control('GET', '/requests')) as { routes: Record<string, number> }).routes[route] ?? 0;
const STATS = 'GET /migration-task/{id}/stats';
const STOP = 'POST /migration-task/{id}/stop';

/** One console instance as main.ts opens it with DATABASE_URL: audit and watches in the shared database. */
async function instance(): Promise<TestStack> {
  const dcs = { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk' as const, ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 1000, timeoutMs: 1500, cacheTtlMs: 0, retry: { attempts: 1 } };
  const app = await buildApp({
    targets: [{ id: 'test', label: 'Test', region: 'test', simulated: true, dcs }],
    staticDir: null,
    logLevel: 'silent',
    auth: proxyAuth(),
    audit: openPostgresAuditStore(databaseUrl),
    caughtUp: { store: openPostgresWatchStore(databaseUrl, () => clock), now: () => clock, tickMs: 0 },
  });
  await app.ready();
  open.push(app);
  return { app } as TestStack; // `as` needs only the app
}

async function incrementalTasks(stack: TestStack, count: number): Promise<string[]> {
  const tasks = (await as(stack, VIEWER, 'GET', '/api/migration-tasks?limit=1000')).json().tasks as { task_id: string; status: string }[];
  const ids = tasks.filter((t) => t.status === 'INCRMIGEATING').map((t) => t.task_id).slice(0, count);
  for (const id of ids) await control('POST', `/tasks/${id}/progress`, { offset: 0 });
  return ids;
}
const url = (id: string) => `/api/migration-tasks/${id}/stop-when-caught-up`;
const watchOf = async (stack: TestStack, id: string) => (await as(stack, VIEWER, 'GET', url(id))).json().watch as CaughtUpWatch;
async function schedule(stack: TestStack, id: string, body: Record<string, unknown>): Promise<CaughtUpWatch> {
  const res = await as(stack, OPERATOR, 'POST', url(id), { payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('several instances on one database', () => {
  it('a watch set on one instance is read, listed and cancelled on another; a second one is refused on either', async () => {
    const [a, b] = [await instance(), await instance()];
    const [id] = await incrementalTasks(a, 1);
    await schedule(a, id!, { consecutive_polls: 3, reason: 'cut-over' });
    expect(await watchOf(b, id!)).toMatchObject({ state: 'waiting', created_by: 'olga', reason: 'cut-over' });
    expect((await as(b, VIEWER, 'GET', '/api/stop-when-caught-up')).json().watches.map((w: CaughtUpWatch) => w.task_id)).toEqual([id]);
    const twice = await as(b, OPERATOR, 'POST', url(id!), { payload: {} });
    expect([twice.statusCode, errorOf(twice).code]).toEqual([409, 'CAUGHT_UP_WATCH_EXISTS']);

    const cancel = await as(b, OPERATOR, 'DELETE', url(id!));
    expect([cancel.statusCode, cancel.json().state]).toEqual([200, 'cancelled']);
    expect((await watchOf(a, id!)).state).toBe('cancelled');
    clock += 5000;
    await Promise.all([a.app.caughtUp.pollDue(), b.app.caughtUp.pollDue()]);
    expect(await upstream(STATS)).toBe(0);
    await schedule(b, id!, {});
    const refused = await as(a, OPERATOR, 'POST', url(id!), { payload: {} });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([409, 'CAUGHT_UP_WATCH_EXISTS']);
  });

  it('only the lease holder polls; killed, its watch is taken over once the lease runs out, and the task stopped once', async () => {
    const [a, b] = [await instance(), await instance()];
    const [id] = await incrementalTasks(a, 1);
    await schedule(a, id!, { consecutive_polls: 3, poll_interval_s: 5 });
    const both = async (advanceMs: number, order: TestStack[]) => {
      clock += advanceMs;
      for (const stack of order) await stack.app.caughtUp.pollDue();
    };
    await both(0, [b, a]); // due at once: b may not take a's fresh lease
    await both(5000, [b, a]); // due again, exactly as a's lease ends: still a's
    expect(await upstream(STATS)).toBe(2);
    expect((await watchOf(b, id!)).polls_in_a_row).toBe(2);

    a.app.caughtUp.halt(); // SIGKILL: no more polls, the lease stays in the database
    await both(5000, [a, b]); // the lease runs until exactly now: not yet b's
    expect(await upstream(STATS)).toBe(2);
    await both(1, [b]); // one poll interval + 1 ms after a's last poll: b takes over, counting again from 0
    expect(await upstream(STATS)).toBe(3);
    expect((await watchOf(a, id!)).polls_in_a_row).toBe(1);
    await both(5000, [a, b]);
    await both(5000, [a, b]);
    expect(await watchOf(a, id!)).toMatchObject({ state: 'done', stop: { outcome: 'accepted', status_after: 'TERMINATING' } });
    expect([await upstream(STATS), await upstream(STOP)]).toEqual([5, 1]);
    const audit = (await as(b, OPERATOR, 'GET', `/api/audit?task_id=${id}`)).json().records as { action: string; user: string }[];
    expect(audit.map((r) => [r.action, r.user])).toEqual([
      ['caught-up-stop', 'olga'],
      ['caught-up-schedule', 'olga'],
    ]);
  });

  it('two instances racing for the same due watches poll each once and send each stop once', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const ids = await incrementalTasks(a, 4);
    for (const id of ids) await schedule(a, id, { consecutive_polls: 1, poll_interval_s: 5 });
    a.app.caughtUp.halt();
    clock += 5001; // a's leases have run out: the watches are due and free for b and c at once
    await Promise.all([b.app.caughtUp.pollDue(), c.app.caughtUp.pollDue()]);
    for (const id of ids) expect((await watchOf(b, id)).state).toBe('done');
    expect([await upstream(STATS), await upstream(STOP)]).toEqual([ids.length, ids.length]);
    const stops = (await as(c, OPERATOR, 'GET', '/api/audit?limit=100')).json().records.filter((r: { action: string }) => r.action === 'caught-up-stop');
    expect(stops.map((r: { task_id: string }) => r.task_id).sort()).toEqual([...ids].sort());
  });
});
