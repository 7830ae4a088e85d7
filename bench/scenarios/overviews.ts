// Scenario 7, open overviews: what the on-call overview costs the cloud. One console with its two
// embedded simulated regions; first 1 open overview, then 50, each polling GET /api/overview every
// POLL_S (six times more often than the page does). The overview is answered from the console's own
// read of each target's list, at most one scan per target per OVERVIEW_SCAN_INTERVAL_S, shared by
// every open overview: list reads per target per 30 s must stay at 1, whatever the number of viewers.
import { Agent, request } from 'undici';
import { OVERVIEW_SCAN_INTERVAL_S } from '../../src/api/rules/overview';
import { goal, percentile, printTable, ratio, round, stopProc, track, type Goal, type ScenarioOutcome } from '../common';
import { control, freePort, sleep, startEmbeddedConsoleProcess } from '../lib';

const POLL_S = 5;
const LIST_ROUTE = 'GET /migration-tasks';

interface Level {
  overviews: number;
  duration_s: number;
  /** Upstream list reads per target per OVERVIEW_SCAN_INTERVAL_S (both regions' simulators counted apart). */
  list_reads_per_target_per_30s: number[];
  overview_requests: number;
  p50_ms: number;
  p99_ms: number;
}

export interface OverviewsResult {
  levels: Level[];
  /** List reads per target per 30 s, 50 overviews against 1. */
  reads_50_vs_1: number;
  poll_s: number;
}

async function listReads(simulatorUrls: string[]): Promise<number[]> {
  return Promise.all(simulatorUrls.map(async (url) => ((await control(url, 'GET', '/requests')) as { routes: Record<string, number> }).routes[LIST_ROUTE] ?? 0));
}

async function openOverviews(consoleUrl: string, simulatorUrls: string[], overviews: number, durationMs: number): Promise<Level> {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: null });
  const before = await listReads(simulatorUrls);
  const times: number[] = [];
  const end = performance.now() + durationMs;
  const viewer = async (index: number) => {
    await sleep((index * POLL_S * 1000) / overviews); // spread over the poll period, as real tabs are
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await request(`${consoleUrl}/api/overview`, { dispatcher: agent });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`GET /api/overview: ${res.statusCode}`);
      times.push(performance.now() - t0);
      await sleep(Math.max(0, Math.min(POLL_S * 1000, end - performance.now())));
    }
  };
  await Promise.all(Array.from({ length: overviews }, (_, i) => viewer(i)));
  await agent.close();
  const after = await listReads(simulatorUrls);
  const periods = durationMs / 1000 / OVERVIEW_SCAN_INTERVAL_S;
  return {
    overviews,
    duration_s: durationMs / 1000,
    list_reads_per_target_per_30s: after.map((n, i) => round((n - before[i]!) / periods, 2)),
    overview_requests: times.length,
    p50_ms: round(percentile(times, 50), 1),
    p99_ms: round(percentile(times, 99), 1),
  };
}

export async function runOverviewsScenario(options: { durationS: number }): Promise<ScenarioOutcome<OverviewsResult>> {
  const name = 'overviews';
  const simulatorPort = await freePort();
  // Two regions on simulatorPort and the one after it (main.ts); AUTH_MODE=none: every request may read.
  const consoleProc = await track(startEmbeddedConsoleProcess({ SIMULATOR_PORT: String(simulatorPort) }));
  const simulatorUrls = [`http://127.0.0.1:${simulatorPort}`, `http://127.0.0.1:${simulatorPort + 1}`];
  try {
    // The first overview request makes the first read; from then on the console's timer reads.
    await (await fetch(`${consoleProc.url}/api/overview`)).text();
    const levels: Level[] = [];
    for (const overviews of [1, 50]) levels.push(await openOverviews(consoleProc.url, simulatorUrls, overviews, options.durationS * 1000));
    printTable(`open overviews polling every ${POLL_S} s: upstream list reads per target per ${OVERVIEW_SCAN_INTERVAL_S} s`, levels.map((l) => ({ ...l, list_reads_per_target_per_30s: l.list_reads_per_target_per_30s.join(' / ') })));
    const worst = (l: Level) => Math.max(...l.list_reads_per_target_per_30s);
    const result: OverviewsResult = { levels, reads_50_vs_1: ratio(worst(levels[1]!), worst(levels[0]!)), poll_s: POLL_S };
    // A window of D seconds holds at most D/30 timer reads plus one whose period began before it.
    const bound = round((options.durationS / OVERVIEW_SCAN_INTERVAL_S + 1) / (options.durationS / OVERVIEW_SCAN_INTERVAL_S), 2);
    const goals: Goal[] = [
      goal(name, 'list reads per target per 30 s, 50 open overviews', `≤ ${bound} (one per 30 s, one more at a window's edge)`, String(worst(levels[1]!)), worst(levels[1]!) <= bound),
    ];
    return { result, goals };
  } finally {
    await stopProc(consoleProc);
  }
}
