// Scenario 6, several instances: what PostgreSQL costs a stop, and what a second instance costs the
// cloud. One simulator; a console on SQLite (DATA_DIR) and two consoles on one throw-away
// PostgreSQL (DATABASE_URL). (a) Sequential stops through each store: p50/p99 side by side.
// (b) Dashboards polling list + detail + stats once a second through one instance, then
// round-robin over two: upstream calls per resource per second (the read cache and coalescing are
// per instance, so two instances may ask up to twice).
import { Agent, request } from 'undici';
import { STOPPABLE_STATUSES } from '../../src/dcs/status';
import { startTestPostgres } from '../../src/server/testing/postgres';
import { goal, percentile, printTable, ratio, round, stopProc, track, type Goal, type ScenarioOutcome } from '../common';
import { control, sleep, startConsoleProcess, startSimulatorProcess, type Proc } from '../lib';

const ROUTES = { list: 'GET /migration-tasks', detail: 'GET /migration-task/{id}', stats: 'GET /migration-task/{id}/stats' } as const;
const POLL_MS = 1000;

export interface SeveralInstancesResult {
  /** Seconds from SIGKILL of the instance polling a watch to the other's first poll of it (poll interval 2 s). */
  watch_takeover_s: { rounds: number[]; median: number; poll_interval_s: number };
  stops: { store: string; count: number; p50_ms: number; p99_ms: number }[];
  stop_p50_postgres_vs_sqlite: number;
  upstream: { instances: number; dashboards: number; duration_s: number; per_resource_per_s: Record<keyof typeof ROUTES, number>; max_per_resource_per_s: number }[];
  note: string;
}

async function stoppableTasks(consoleUrl: string, count: number): Promise<string[]> {
  const res = await fetch(`${consoleUrl}/api/migration-tasks?status=${STOPPABLE_STATUSES.join(',')}&limit=1000`);
  const body = (await res.json()) as { tasks: { task_id: string }[] };
  if (body.tasks.length < count) throw new Error(`only ${body.tasks.length} stoppable tasks in the seed; need ${count}`);
  return body.tasks.slice(0, count).map((t) => t.task_id);
}

/** Stops `tasks` one after another through `consoleUrl`: each answer waits for its audit commits. */
async function timeStops(consoleUrl: string, tasks: string[]): Promise<number[]> {
  const session = await fetch(`${consoleUrl}/api/session`);
  const { csrf_token: token } = (await session.json()) as { csrf_token: string };
  const headers = { cookie: `dcs_csrf=${token}`, 'x-csrf-token': token, 'content-type': 'application/json' };
  const times: number[] = [];
  for (const taskId of tasks) {
    const t0 = performance.now();
    const res = await fetch(`${consoleUrl}/api/migration-tasks/${taskId}/stop`, { method: 'POST', headers, body: '{"reason":"bench"}' });
    await res.text();
    if (res.status !== 200) throw new Error(`stop of ${taskId} through ${consoleUrl}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

const TAKEOVER_POLL_S = 2;

interface WatchRead {
  watch: { last_poll: { at: string } | null } | null;
}

/**
 * Sets a watch through `a` (which then polls it), kills `a` with SIGKILL once it has polled, and
 * times how long until `b` polls the watch: the lease must run out first.
 */
async function timeTakeover(a: Proc, b: Proc, taskId: string): Promise<number> {
  const session = (await (await fetch(`${a.url}/api/session`)).json()) as { csrf_token: string };
  const headers = { cookie: `dcs_csrf=${session.csrf_token}`, 'x-csrf-token': session.csrf_token, 'content-type': 'application/json' };
  const path = `/api/migration-tasks/${taskId}/stop-when-caught-up`;
  const set = await fetch(`${a.url}${path}`, { method: 'POST', headers, body: JSON.stringify({ threshold: 0, consecutive_polls: 20, poll_interval_s: TAKEOVER_POLL_S }) });
  if (set.status !== 201) throw new Error(`setting a watch through ${a.url}: ${set.status} ${await set.text()}`);
  const lastPoll = async () => ((await (await fetch(`${b.url}${path}`)).json()) as WatchRead).watch?.last_poll?.at ?? null;
  while ((await lastPoll()) === null) await sleep(50);
  a.child.kill('SIGKILL');
  const killedAt = Date.now();
  for (;;) {
    const at = await lastPoll();
    if (at !== null && Date.parse(at) > killedAt) return (Date.parse(at) - killedAt) / 1000;
    await sleep(50);
  }
}

async function pollThrough(consoles: string[], simulatorUrl: string, tasks: string[], dashboards: number, durationMs: number) {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: null });
  const before = (await control(simulatorUrl, 'GET', '/requests')) as { routes: Record<string, number> };
  const start = performance.now();
  let turn = 0;
  const dashboard = async (index: number) => {
    const taskId = tasks[index % tasks.length]!;
    const paths = ['/api/migration-tasks?limit=20', `/api/migration-tasks/${taskId}`, `/api/migration-tasks/${taskId}/stats`];
    for (let tick = 0; ; tick++) {
      const due = start + (index / dashboards) * POLL_MS + tick * POLL_MS;
      if (due >= start + durationMs) return;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // A round-robin load balancer: each request to the next instance.
      await Promise.all(paths.map(async (path) => (await request(`${consoles[turn++ % consoles.length]}${path}`, { dispatcher: agent })).body.text()));
    }
  };
  await Promise.all(Array.from({ length: dashboards }, (_, i) => dashboard(i)));
  const after = (await control(simulatorUrl, 'GET', '/requests')) as { routes: Record<string, number> };
  await agent.close();
  const seconds = durationMs / 1000;
  const watched = Math.min(dashboards, tasks.length);
  const rate = (route: string, resources: number) => round(((after.routes[route] ?? 0) - (before.routes[route] ?? 0)) / resources / seconds, 2);
  const perResource = { list: rate(ROUTES.list, 1), detail: rate(ROUTES.detail, watched), stats: rate(ROUTES.stats, watched) };
  return { instances: consoles.length, dashboards, duration_s: seconds, per_resource_per_s: perResource, max_per_resource_per_s: Math.max(...Object.values(perResource)) };
}

export async function runSeveralInstancesScenario(options: { stops: number; dashboards: number; durationS: number }): Promise<ScenarioOutcome<SeveralInstancesResult>> {
  const name = '6 several instances';
  const postgres = await startTestPostgres();
  const procs: Proc[] = [];
  try {
    const simulator = await track(startSimulatorProcess({ SIMULATOR_TASKS: '2000', SIMULATOR_STOP_DELAY_MS: '600000' }));
    procs.push(simulator);
    const [sqlite, pgA, pgB] = await Promise.all([
      track(startConsoleProcess(simulator.url)),
      track(startConsoleProcess(simulator.url, { DATABASE_URL: postgres.url })),
      track(startConsoleProcess(simulator.url, { DATABASE_URL: postgres.url })),
    ]);
    procs.push(sqlite, pgA, pgB);
    const tasks = await stoppableTasks(sqlite.url, options.stops * 2);
    const sqliteTimes = await timeStops(sqlite.url, tasks.slice(0, options.stops));
    const postgresTimes = await timeStops(pgA.url, tasks.slice(options.stops));
    const stops = [
      { store: 'SQLite (DATA_DIR)', count: sqliteTimes.length, p50_ms: round(percentile(sqliteTimes, 50), 1), p99_ms: round(percentile(sqliteTimes, 99), 1) },
      { store: 'PostgreSQL (DATABASE_URL)', count: postgresTimes.length, p50_ms: round(percentile(postgresTimes, 50), 1), p99_ms: round(percentile(postgresTimes, 99), 1) },
    ];
    printTable('stop latency by store (sequential, audit committed before each answer)', stops);

    const watched = (await fetch(`${pgA.url}/api/migration-tasks?status=INCRMIGEATING,FULLMIGRATING&limit=200`).then((r) => r.json()) as { tasks: { task_id: string }[] }).tasks
      .slice(0, 20)
      .map((t) => t.task_id);
    const one = await pollThrough([pgA.url], simulator.url, watched, options.dashboards, options.durationS * 1000);
    const two = await pollThrough([pgA.url, pgB.url], simulator.url, watched, options.dashboards, options.durationS * 1000);
    printTable('upstream calls per resource per second (dashboards polling every second)', [one, two].map((r) => ({ instances: r.instances, dashboards: r.dashboards, ...r.per_resource_per_s, max: r.max_per_resource_per_s })));

    // (c) A watch's takeover after a SIGKILL, five times: A is started again after each round.
    const online = await fetch(`${pgA.url}/api/migration-tasks?status=INCRMIGEATING&limit=200`).then((r) => r.json() as Promise<{ tasks: { task_id: string; migration_method?: string }[] }>);
    const incremental = online.tasks.filter((t) => t.migration_method === 'incremental_migration').map((t) => t.task_id);
    const rounds: number[] = [];
    let holder = pgA;
    for (let round_ = 0; round_ < 5; round_++) {
      rounds.push(round(await timeTakeover(holder, pgB, incremental[round_]!), 2));
      await stopProc(holder);
      holder = await track(startConsoleProcess(simulator.url, { DATABASE_URL: postgres.url }));
      procs.push(holder);
    }
    printTable(`watch takeover after SIGKILL (poll interval ${TAKEOVER_POLL_S} s)`, rounds.map((s_, i) => ({ round: i + 1, seconds: s_ })));

    const result: SeveralInstancesResult = {
      watch_takeover_s: { rounds, median: round(percentile(rounds, 50), 2), poll_interval_s: TAKEOVER_POLL_S },
      stops,
      stop_p50_postgres_vs_sqlite: ratio(stops[1]!.p50_ms, stops[0]!.p50_ms),
      upstream: [one, two],
      note:
        'Each instance keeps its own 1 s read cache and coalescing, so two instances behind a round-robin balancer ask the cloud for a resource at most twice a second. One call cluster-wide would need the answers shared (a cache in PostgreSQL with a per-resource lease, or LISTEN/NOTIFY to hand one read to all), which costs a database round trip per read.',
    };
    const goals: Goal[] = [
      goal(name, 'upstream calls per resource per second, 2 instances', '≤ 2', String(two.max_per_resource_per_s), two.max_per_resource_per_s <= 2),
      goal(name, 'watch takeover after SIGKILL, median of 5', `≤ ${2 * TAKEOVER_POLL_S} s (two poll intervals)`, `${result.watch_takeover_s.median} s`, result.watch_takeover_s.median <= 2 * TAKEOVER_POLL_S),
    ];
    return { result, goals };
  } finally {
    await Promise.all(procs.map((p) => stopProc(p)));
    await postgres.close();
  }
}
