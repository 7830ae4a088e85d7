// Scenario 1, upstream cost: N simulated dashboards poll the console once per second (list + one
// task's detail and stats); the simulator counts what reaches it. A console that shares answers
// keeps the upstream calls per resource flat however many dashboards watch.
import { Agent, request } from 'undici';
import { goal, max, percentile, printTable, prng, ratio, round, type Goal, type ScenarioOutcome } from '../common';
import { control, sleep, type Proc } from '../lib';
import { rssMb, workerPid } from '../memory';

const LIST_PATH = '/api/migration-tasks?limit=20';
const ROUTES = { list: 'GET /migration-tasks', detail: 'GET /migration-task/{id}', stats: 'GET /migration-task/{id}/stats' } as const;
type Resource = keyof typeof ROUTES;
const MEMORY_LIMIT_MB = 150;
const POLL_MS = 1000;
/** Dashboards are spread over this many online tasks. */
const TASK_SPREAD = 20;

export interface LevelResult {
  dashboards: number;
  duration_s: number;
  tasks_watched: number;
  console: { requests: number; req_per_s: number; errors: number; non_2xx: number; late_polls: number; p50_ms: number; p99_ms: number; max_ms: number };
  upstream: {
    calls: Record<Resource | 'other', number>;
    calls_per_s: number;
    /** Calls per second for one resource (one list query, one task's detail, one task's stats). */
    per_resource_per_s: Record<Resource, number>;
    max_per_resource_per_s: number;
    /** Upstream calls per console request (1 = no sharing). */
    upstream_per_console_request: number;
  };
}

export interface UpstreamResult {
  levels: LevelResult[];
  growth_200_vs_1: { dashboards: number; console_requests: number; upstream_calls: number; upstream_per_resource: number };
  console_rss_mb: { after_start: number; after_200_level: number };
  note: string;
}

/** Online tasks with progress to watch: stoppable, so their detail and stats keep changing. */
export async function onlineTaskIds(consoleUrl: string, count: number): Promise<string[]> {
  const res = await fetch(`${consoleUrl}/api/migration-tasks?status=INCRMIGEATING,FULLMIGRATING&limit=200`);
  if (!res.ok) throw new Error(`listing online tasks through the console: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { tasks: { task_id: string; migration_type?: string | null }[] };
  const ids = body.tasks.filter((t) => t.migration_type === 'online_migration').map((t) => t.task_id);
  if (ids.length < count) throw new Error(`only ${ids.length} online tasks in the seed; need ${count}`);
  return ids.slice(0, count);
}

async function runLevel(consoleUrl: string, simulatorUrl: string, tasks: string[], dashboards: number, durationMs: number): Promise<LevelResult> {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: null });
  const random = prng(dashboards);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let late = 0;

  const get = async (path: string) => {
    const t0 = performance.now();
    try {
      const res = await request(`${consoleUrl}${path}`, { dispatcher: agent, headersTimeout: 30_000, bodyTimeout: 30_000 });
      await res.body.text();
      if (res.statusCode < 200 || res.statusCode >= 300) non2xx++;
      latencies.push(performance.now() - t0);
    } catch {
      errors++;
    }
  };

  const before = (await control(simulatorUrl, 'GET', '/requests')) as { total: number; routes: Record<string, number> };
  const start = performance.now();
  const end = start + durationMs;
  // Each dashboard polls like a browser tab: once per second, never two polls of its own at once
  // (a poll still running when the next is due skips it), first poll at a random offset.
  const dashboard = async (index: number) => {
    const taskId = tasks[index % tasks.length]!;
    const paths = [LIST_PATH, `/api/migration-tasks/${taskId}`, `/api/migration-tasks/${taskId}/stats`];
    const first = start + random() * POLL_MS;
    let tick = 0;
    for (;;) {
      const due = first + tick * POLL_MS;
      if (due >= end) return;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await Promise.all(paths.map(get));
      const next = Math.ceil((performance.now() - first) / POLL_MS);
      if (next > tick + 1) late += next - tick - 1;
      tick = Math.max(tick + 1, next);
    }
  };
  await Promise.all(Array.from({ length: dashboards }, (_, i) => dashboard(i)));
  const after = (await control(simulatorUrl, 'GET', '/requests')) as { total: number; routes: Record<string, number> };
  await agent.close();

  const durationS = durationMs / 1000;
  const delta = (route: string) => (after.routes[route] ?? 0) - (before.routes[route] ?? 0);
  const calls = { list: delta(ROUTES.list), detail: delta(ROUTES.detail), stats: delta(ROUTES.stats), other: 0 };
  calls.other = after.total - before.total - calls.list - calls.detail - calls.stats;
  const watched = Math.min(dashboards, tasks.length);
  const resources: Record<Resource, number> = { list: 1, detail: watched, stats: watched };
  const perResource = {
    list: round(calls.list / resources.list / durationS, 2),
    detail: round(calls.detail / resources.detail / durationS, 2),
    stats: round(calls.stats / resources.stats / durationS, 2),
  };
  const totalUpstream = after.total - before.total;
  return {
    dashboards,
    duration_s: durationS,
    tasks_watched: watched,
    console: {
      requests: latencies.length,
      req_per_s: round(latencies.length / durationS, 1),
      errors,
      non_2xx: non2xx,
      late_polls: late,
      p50_ms: round(percentile(latencies, 50), 1),
      p99_ms: round(percentile(latencies, 99), 1),
      max_ms: round(max(latencies), 1),
    },
    upstream: {
      calls,
      calls_per_s: round(totalUpstream / durationS, 2),
      per_resource_per_s: perResource,
      max_per_resource_per_s: Math.max(perResource.list, perResource.detail, perResource.stats),
      upstream_per_console_request: ratio(totalUpstream, latencies.length, 3),
    },
  };
}

export async function runUpstreamScenario(
  stack: { simulator: Proc; console: Proc },
  options: { levels: number[]; durationS: (dashboards: number) => number },
): Promise<ScenarioOutcome<UpstreamResult>> {
  const name = '1 upstream cost';
  const tasks = await onlineTaskIds(stack.console.url, TASK_SPREAD);
  const consolePid = workerPid(stack.console.child.pid!);
  const rssAfterStart = rssMb(consolePid);
  const levels: LevelResult[] = [];
  let rssAfter200 = NaN;
  for (const dashboards of options.levels) {
    await sleep(2000); // let short caches expire between levels
    const level = await runLevel(stack.console.url, stack.simulator.url, tasks, dashboards, options.durationS(dashboards) * 1000);
    levels.push(level);
    if (dashboards === max(options.levels)) rssAfter200 = rssMb(consolePid);
    console.log(
      `  ${dashboards} dashboards: console ${level.console.req_per_s} req/s (p99 ${level.console.p99_ms} ms), upstream ${level.upstream.calls_per_s} calls/s, ` +
        `max ${level.upstream.max_per_resource_per_s} calls/s per resource`,
    );
  }

  printTable('Scenario 1: upstream cost (dashboards poll list + task detail + stats once per second)', [
    ...levels.map((l) => ({
      dashboards: l.dashboards,
      's': l.duration_s,
      tasks: l.tasks_watched,
      'console req/s': l.console.req_per_s,
      'p50 ms': l.console.p50_ms,
      'p99 ms': l.console.p99_ms,
      'err/non2xx': `${l.console.errors}/${l.console.non_2xx}`,
      late: l.console.late_polls,
      'upstream calls/s': l.upstream.calls_per_s,
      'list /s': l.upstream.per_resource_per_s.list,
      'detail /s/task': l.upstream.per_resource_per_s.detail,
      'stats /s/task': l.upstream.per_resource_per_s.stats,
      'upstream/console req': l.upstream.upstream_per_console_request,
    })),
  ]);

  const first = levels[0]!;
  const last = levels[levels.length - 1]!;
  const growth = {
    dashboards: ratio(last.dashboards, first.dashboards, 1),
    console_requests: ratio(last.console.req_per_s, first.console.req_per_s, 1),
    upstream_calls: ratio(last.upstream.calls_per_s, first.upstream.calls_per_s, 2),
    upstream_per_resource: ratio(last.upstream.max_per_resource_per_s, first.upstream.max_per_resource_per_s, 2),
  };
  console.log(
    `  ${first.dashboards} → ${last.dashboards} dashboards (×${growth.dashboards}): console requests ×${growth.console_requests}, ` +
      `upstream calls ×${growth.upstream_calls}, upstream calls per resource ×${growth.upstream_per_resource}; ` +
      `console RSS ${rssAfterStart} MB after start, ${rssAfter200} MB after the ${last.dashboards}-dashboard level`,
  );

  const goals: Goal[] = levels.map((l) => {
    // A D-second window may hold D + 1 refreshes of a once-per-second cache (one at each edge).
    const worstCalls = Math.max(l.upstream.calls.list, l.upstream.calls.detail / l.tasks_watched, l.upstream.calls.stats / l.tasks_watched);
    return goal(
      name,
      `${l.dashboards} dashboards: upstream calls per resource per second`,
      `≤ 1/s (≤ ${l.duration_s + 1} calls per resource in ${l.duration_s} s)`,
      `${l.upstream.max_per_resource_per_s}/s (${round(worstCalls, 1)} calls)`,
      worstCalls <= l.duration_s + 1,
    );
  });
  goals.push(
    goal(
      name,
      `upstream flat from ${first.dashboards} to ${last.dashboards} dashboards`,
      'every level ≤ 1 call per resource per second',
      `per-resource rate ${levels.map((l) => l.upstream.max_per_resource_per_s).join(' → ')} /s`,
      goals.every((g) => g.pass),
    ),
    goal(name, `console RSS after the ${last.dashboards}-dashboard level`, `< ${MEMORY_LIMIT_MB} MB`, `${rssAfter200} MB`, rssAfter200 < MEMORY_LIMIT_MB),
  );
  return {
    result: {
      levels,
      growth_200_vs_1: growth,
      console_rss_mb: { after_start: rssAfterStart, after_200_level: rssAfter200 },
      note:
        'The simulator counts calls per route, not per task: per-resource rates are the route count divided by the resources polled ' +
        '(1 list query; detail and stats of min(N, 20) tasks, dashboards spread round-robin so each task has the same share). ' +
        'RSS is of the console\'s node process, run as `npm start` runs it (see console_server in results.json).',
    },
    goals,
  };
}
