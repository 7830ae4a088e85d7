// Scenario 2, server overhead: the same list request through the console (cache on, and cache
// off = pure proxy) and signed straight to the simulator, with autocannon, in alternating order.
import autocannon from 'autocannon';
import { request } from 'undici';
import { goal, mean, printTable, ratio, round, type Goal, type ScenarioOutcome } from '../common';
import { SIMULATOR, signedSimulatorHeaders, sleep, type Proc } from '../lib';

const CONNECTIONS = 50;
const THROUGHPUT_RATIO_GOAL = 0.8;
const ADDED_P99_GOAL_MS = 5;

type Target = 'simulator' | 'console_cache_on' | 'console_cache_off';

interface Run {
  target: Target;
  round: number;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
}

type Numbers = { req_per_s: number; p50_ms: number; p99_ms: number; mean_ms: number };
type Versus = { throughput_ratio: number; added_p50_ms: number; added_p99_ms: number };

export interface OverheadResult {
  connections: number;
  duration_s: number;
  order: string[];
  aggregation: string;
  runs: Run[];
  best: Record<Target, Numbers>;
  mean: Record<Target, Numbers>;
  console_vs_simulator: Record<'cache_on' | 'cache_off', Versus>;
  console_vs_simulator_mean: Record<'cache_on' | 'cache_off', Versus>;
  note: string;
}

export async function runOverheadScenario(
  stack: { simulator: Proc; consoleCacheOn: Proc; consoleCacheOff: Proc },
  options: { durationS: number },
): Promise<ScenarioOutcome<OverheadResult>> {
  const name = '2 server overhead';
  const upstreamPath = `/v2/${SIMULATOR.projectId}/migration-tasks`;
  // What the console sends upstream for ?limit=10: offset=0&limit=10, signed. Valid 15 minutes.
  const signed = signedSimulatorHeaders(stack.simulator.url, 'GET', upstreamPath, { offset: 0, limit: 10 });
  const targets: Record<Target, { url: string; headers: Record<string, string> }> = {
    simulator: { url: `${stack.simulator.url}${upstreamPath}?limit=10&offset=0`, headers: signed },
    console_cache_on: { url: `${stack.consoleCacheOn.url}/api/migration-tasks?limit=10`, headers: {} },
    console_cache_off: { url: `${stack.consoleCacheOff.url}/api/migration-tasks?limit=10`, headers: {} },
  };
  for (const [target, { url, headers }] of Object.entries(targets)) {
    const res = await request(url, { headers });
    const body = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${target}: ${res.statusCode} ${body.slice(0, 200)}`);
  }

  const cannon = async (target: Target, durationS: number) => {
    const { url, headers } = targets[target];
    return autocannon({ url, headers, connections: CONNECTIONS, duration: durationS, timeout: 30 });
  };
  // Warm every target (JIT, keep-alive pools, caches) before anything counts.
  for (const target of Object.keys(targets) as Target[]) await cannon(target, 2);

  // A B C, then C B A: each target once early and once late, so drift (heat, GC, other load)
  // affects them alike.
  const order: Target[] = ['simulator', 'console_cache_on', 'console_cache_off', 'console_cache_off', 'console_cache_on', 'simulator'];
  const runs: Run[] = [];
  const seen: Partial<Record<Target, number>> = {};
  for (const target of order) {
    await sleep(1000);
    const r = await cannon(target, options.durationS);
    seen[target] = (seen[target] ?? 0) + 1;
    const run: Run = {
      target,
      round: seen[target]!,
      req_per_s: round(r.requests.average, 0),
      p50_ms: r.latency.p50,
      p99_ms: r.latency.p99,
      mean_ms: round(r.latency.average, 2),
      non_2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    };
    runs.push(run);
    console.log(`  ${target} #${run.round}: ${run.req_per_s} req/s, p50 ${run.p50_ms} ms, p99 ${run.p99_ms} ms, non-2xx ${run.non_2xx}, errors ${run.errors}`);
  }

  // Best of the two runs of each target (the run with the higher throughput, with its own
  // latencies): other work on the machine only ever makes a run slower, so the better run is
  // the closer estimate of what each can do. The means are kept in results.json too.
  const mine = (target: Target) => runs.filter((r) => r.target === target);
  const best = (target: Target) => {
    const run = mine(target).reduce((a, b) => (b.req_per_s > a.req_per_s ? b : a));
    return { req_per_s: run.req_per_s, p50_ms: run.p50_ms, p99_ms: run.p99_ms, mean_ms: run.mean_ms };
  };
  const avg = (target: Target) => ({
    req_per_s: round(mean(mine(target).map((r) => r.req_per_s)), 0),
    p50_ms: round(mean(mine(target).map((r) => r.p50_ms)), 2),
    p99_ms: round(mean(mine(target).map((r) => r.p99_ms)), 2),
    mean_ms: round(mean(mine(target).map((r) => r.mean_ms)), 2),
  });
  const means = { simulator: avg('simulator'), console_cache_on: avg('console_cache_on'), console_cache_off: avg('console_cache_off') };
  const bests = { simulator: best('simulator'), console_cache_on: best('console_cache_on'), console_cache_off: best('console_cache_off') };
  const versus = (of: typeof bests, c: Target) => ({
    throughput_ratio: ratio(of[c].req_per_s, of.simulator.req_per_s),
    added_p50_ms: round(of[c].p50_ms - of.simulator.p50_ms, 2),
    added_p99_ms: round(of[c].p99_ms - of.simulator.p99_ms, 2),
  });
  const cmp = { cache_on: versus(bests, 'console_cache_on'), cache_off: versus(bests, 'console_cache_off') };
  const cmpMean = { cache_on: versus(means, 'console_cache_on'), cache_off: versus(means, 'console_cache_off') };

  printTable(`Scenario 2: server overhead, GET list limit=10, ${CONNECTIONS} connections, ${options.durationS} s per run (best of 2 runs each, order A B C C B A)`, [
    { target: 'simulator direct (signed)', 'req/s': bests.simulator.req_per_s, 'p50 ms': bests.simulator.p50_ms, 'p99 ms': bests.simulator.p99_ms, 'throughput ratio': '1.00', 'added p50 ms': '-', 'added p99 ms': '-', 'ratio (mean of 2)': '1.00' },
    { target: 'console, cache on (as configured)', 'req/s': bests.console_cache_on.req_per_s, 'p50 ms': bests.console_cache_on.p50_ms, 'p99 ms': bests.console_cache_on.p99_ms, 'throughput ratio': cmp.cache_on.throughput_ratio.toFixed(2), 'added p50 ms': cmp.cache_on.added_p50_ms, 'added p99 ms': cmp.cache_on.added_p99_ms, 'ratio (mean of 2)': cmpMean.cache_on.throughput_ratio.toFixed(2) },
    { target: 'console, DCS_CACHE_TTL_MS=0', 'req/s': bests.console_cache_off.req_per_s, 'p50 ms': bests.console_cache_off.p50_ms, 'p99 ms': bests.console_cache_off.p99_ms, 'throughput ratio': cmp.cache_off.throughput_ratio.toFixed(2), 'added p50 ms': cmp.cache_off.added_p50_ms, 'added p99 ms': cmp.cache_off.added_p99_ms, 'ratio (mean of 2)': cmpMean.cache_off.throughput_ratio.toFixed(2) },
  ]);

  const goals: Goal[] = [];
  for (const [key, label] of [['cache_on', 'cache on'], ['cache_off', 'cache off (pure proxy)']] as const) {
    const failures = runs.filter((r) => r.target === (key === 'cache_on' ? 'console_cache_on' : 'console_cache_off')).reduce((n, r) => n + r.non_2xx + r.errors + r.timeouts, 0);
    goals.push(
      goal(name, `throughput console/simulator, ${label}`, `≥ ${THROUGHPUT_RATIO_GOAL}`, `${cmp[key].throughput_ratio.toFixed(2)}${failures ? ` (${failures} failed requests)` : ''}`, cmp[key].throughput_ratio >= THROUGHPUT_RATIO_GOAL && failures === 0),
      goal(name, `added p99 at ${CONNECTIONS} connections, ${label}`, `≤ ${ADDED_P99_GOAL_MS} ms`, `${cmp[key].added_p99_ms} ms (p50 +${cmp[key].added_p50_ms} ms)`, cmp[key].added_p99_ms <= ADDED_P99_GOAL_MS),
    );
  }
  return {
    result: {
      connections: CONNECTIONS,
      duration_s: options.durationS,
      order,
      aggregation: 'best of the 2 runs of each target (the run with the higher throughput, with its latencies); goals use it. Means are given too.',
      runs,
      best: bests,
      mean: means,
      console_vs_simulator: cmp,
      console_vs_simulator_mean: cmpMean,
      note:
        'autocannon runs in the bench process on the same 2 cores: through the console three processes share them (load generator, console, simulator), ' +
        'direct only two. Latency percentiles are autocannon\'s (1 ms resolution). With the cache off, identical reads in flight may still be shared (request coalescing).',
    },
    goals,
  };
}
