// Two regions for the overview's tests: two real simulators over HTTP ("east" with a list of three
// pages, "west" with one), and consoles in front of both sharing one manual clock with them, no
// background timers (tests call taskObserver.tick()), no read cache, one attempt per read.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ManualClock } from '../../../dcs/testing/manual-clock';
import { SIMULATOR_ROUTES, startSimulator, type RunningSimulator } from '../../../simulator';
import { buildApp, type AppOptions } from '../../app';
import { openSqliteAuditStore } from '../../audit/sqlite-store';
import { proxyAuth } from '../../testing/proxy-users';
import type { TestStack } from '../../testing/stack';
import type { AppTarget } from '../../targets/registry';

/** Over three pages of 1000: one scan of east reads three pages, one of west one. */
export const EAST_TASKS = 2001;
export const PAGE_SIZE = 1000;
export const LIST_ROUTE = SIMULATOR_ROUTES.list;

export interface TwoRegions {
  clock: ManualClock;
  east: RunningSimulator;
  west: RunningSimulator;
  /** A console over both (east first); closed by closeConsoles(). */
  console(options?: Partial<AppOptions>): Promise<TestStack>;
  control(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<unknown>;
  /** GET /migration-tasks calls the simulator counted since its counters were cleared. */
  listCalls(sim: RunningSimulator): Promise<number>;
  /** Before each test: tasks re-seeded, faults and counters cleared, both up. */
  reset(): Promise<void>;
  closeConsoles(): Promise<void>;
  close(): Promise<void>;
}

export async function startTwoRegions(): Promise<TwoRegions> {
  const clock = new ManualClock();
  // A forced TERMINATING stays so for a day of the test's clock (stopping_long needs more than 10 minutes).
  const simulator = (tasks?: number) => startSimulator({ host: '127.0.0.1', port: 0, now: clock.now, stopDelayMs: 24 * 60 * 60 * 1000, ...(tasks ? { tasks } : {}) });
  const [east, west] = await Promise.all([simulator(EAST_TASKS), simulator()]);
  const open: FastifyInstance[] = [];
  const target = (id: string, label: string, region: string, sim: RunningSimulator): AppTarget => ({
    id,
    label,
    region,
    simulated: true,
    dcs: { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk', ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 1000, timeoutMs: 1500, cacheTtlMs: 0, retry: { attempts: 1 } },
  });
  const control = async (sim: RunningSimulator, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}/__simulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    clock,
    east,
    west,
    async console(options = {}) {
      const app = await buildApp({
        targets: [target('east', 'East', 'ap-east-1', east), target('west', 'West', 'ap-west-1', west)],
        staticDir: null,
        logLevel: 'silent',
        auth: proxyAuth(),
        audit: openSqliteAuditStore(':memory:'),
        clock: clock.now,
        history: { sampler: { intervalMs: 0 } },
        caughtUp: { tickMs: 0 },
        overview: { intervalMs: 0 },
        ...options,
      });
      open.push(app);
      await app.ready();
      return { app, clock } as TestStack; // `as` needs only the app
    },
    control,
    async listCalls(sim) {
      return ((await control(sim, 'GET', '/requests')) as { routes: Record<string, number> }).routes[LIST_ROUTE] ?? 0;
    },
    async reset() {
      await Promise.all([east, west].map((sim) => control(sim, 'POST', '/reset')));
    },
    async closeConsoles() {
      for (const app of open.splice(0)) await app.close();
    },
    async close() {
      await Promise.all([east.close(), west.close()]);
    },
  };
}

/**
 * The two regions for the tests of a file (or describe block): started once, re-seeded before each
 * test, its consoles closed after it. Call the result inside a test.
 */
export function useTwoRegions(): () => TwoRegions {
  let regions: TwoRegions | undefined;
  beforeAll(async () => {
    regions = await startTwoRegions();
  });
  afterAll(() => regions?.close());
  beforeEach(() => regions!.reset());
  afterEach(() => regions!.closeConsoles());
  return () => regions!;
}
