// `npm run bench` (`-- --quick` for a short run): the "Fast at any size" benchmark. Everything on
// loopback, side by side in one run, reported as ratios; writes bench/results.json. It measures:
// it exits 0 when a goal is missed (printed as MISSED), 1 only when a scenario could not run.
//   1 upstream cost    simulated dashboards → console → simulator: upstream calls per resource, RSS
//   2 server overhead  the console against the simulator called directly (autocannon)
//   3 big lists        10,000 tasks: API latency and correctness; the SPA in Chromium
//   4 page weight      gzip sizes of the built SPA against the budgets (bench/bundle-size.ts)
//   5 polling          /api requests per minute of an open tab in Chromium
//   6 several instances stop p50/p99 on SQLite vs PostgreSQL; upstream calls with 1 vs 2 instances
//   7 overviews        50 open on-call overviews against 1: upstream list reads per target per 30 s
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { bundleRows, DIST_WEB, measureBundle } from './bundle-size';
import { chromiumLaunchOptions, goal, printGoals, printTable, round, stopAll, stopProc, takeRecentOutput, track, type Goal } from './common';
import { ensureServerBuilt, newestChange, SERVER_MODE, startNodeFlags, startConsoleProcess, startEmbeddedConsoleProcess, startSimulatorProcess } from './lib';
import { runBigListScenario } from './scenarios/big-lists';
import { runBrowserListScenario } from './scenarios/browser-lists';
import { runOverheadScenario } from './scenarios/overhead';
import { runOverviewsScenario } from './scenarios/overviews';
import { runPollingScenario } from './scenarios/polling';
import { runSeveralInstancesScenario } from './scenarios/several-instances';
import { runUpstreamScenario } from './scenarios/upstream';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const quick = process.argv.includes('--quick');
// `--only=upstream_cost,server_overhead`: run just those scenarios (keys as in results.json).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const BIG = 10_000;

const plan = quick
  ? { levels: [1, 10, 50, 200], levelS: (n: number) => (n >= 200 ? 15 : 8), overheadS: 5, polling: { idleS: 30, migratingS: 15, stoppingS: 10, backgroundS: 10 }, watchdogMin: 5 }
  : { levels: [1, 10, 50, 200], levelS: (n: number) => (n >= 200 ? 60 : 20), overheadS: 10, polling: { idleS: 60, migratingS: 30, stoppingS: 20, backgroundS: 20 }, watchdogMin: 12 };

// "As configured" means the console's own default cache, whatever the caller's shell says.
delete process.env.DCS_CACHE_TTL_MS;

const startedAt = Date.now();
const loadAtStart = round(loadavg()[0]!, 2);
const goals: Goal[] = [];
const scenarios: Record<string, unknown> = {};
const errors: { scenario: string; error: string }[] = [];
let browser: Browser | undefined;

// Every run ends by itself: a watchdog stops the processes and exits if anything hangs.
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${plan.watchdogMin} min; stopping`);
  void shutdown().finally(() => process.exit(2));
}, plan.watchdogMin * 60_000);
process.once('SIGINT', () => void shutdown().finally(() => process.exit(130)));
process.once('SIGTERM', () => void shutdown().finally(() => process.exit(143)));

async function shutdown(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  await stopAll();
}

async function scenario(key: string, label: string, body: () => Promise<{ result: unknown; goals: Goal[] }>): Promise<void> {
  if (only && !only.includes(key)) return;
  const t0 = Date.now();
  // Other work on the machine skews every number here: the 1-minute load average shows it.
  const loadBefore = round(loadavg()[0]!, 2);
  console.log(`\n=== ${label} (load average ${loadBefore}) ===`);
  takeRecentOutput();
  try {
    const outcome = await body();
    scenarios[key] = { ...(outcome.result as object), elapsed_s: Math.round((Date.now() - t0) / 1000), loadavg_1m: { before: loadBefore, after: round(loadavg()[0]!, 2) } };
    goals.push(...outcome.goals);
    printGoals(outcome.goals);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`  ERROR: ${label} could not run: ${message}`);
    for (const tail of takeRecentOutput()) console.error(`  output of a process it started (last lines):\n${tail.replace(/^/gm, '    | ')}`);
    errors.push({ scenario: label, error: message.split('\n')[0]! });
    scenarios[key] = { error: message.split('\n')[0] };
  }
}

/** Builds dist/web when it is missing or older than any source it is built from. */
function ensureBuilt(): { built: boolean; reason: string } {
  const index = join(DIST_WEB, 'index.html');
  const sources = newestChange(['src/web', 'src/api', 'index.html', 'vite.config.ts', 'public']);
  const reason = !existsSync(index) ? 'dist/web is missing' : statSync(index).mtimeMs < sources ? 'dist/web is older than its sources' : '';
  if (!reason) return { built: false, reason: 'dist/web is up to date' };
  console.log(`bench: ${reason}; building the SPA (vite build)`);
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
  return { built: true, reason };
}

console.log(
  `DCS Migration Console benchmark (${quick ? 'quick' : 'full'}): node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
    `load average ${loadAtStart}, ${new Date(startedAt).toISOString()}`,
);
const build = ensureBuilt();
const serverBuild =
  SERVER_MODE === 'dist'
    ? { ...ensureServerBuilt(), command: ['node', ...startNodeFlags(), 'dist/server/main.js'].join(' ') }
    : { built: false, reason: 'BENCH_SERVER=tsx: the sources under tsx', command: 'tsx src/server/main.ts' };
console.log(`bench: the console runs as \`${serverBuild.command}\`${SERVER_MODE === 'dist' ? ' (as npm start)' : ''}`);

await scenario('upstream_cost', `Scenario 1: upstream cost (${plan.levels.join(', ')} dashboards)`, async () => {
  const simulator = await track(startSimulatorProcess({ SIMULATOR_TASKS: '500' }));
  try {
    const consoleProc = await track(startConsoleProcess(simulator.url));
    try {
      return await runUpstreamScenario({ simulator, console: consoleProc }, { levels: plan.levels, durationS: plan.levelS });
    } finally {
      await stopProc(consoleProc);
    }
  } finally {
    await stopProc(simulator);
  }
});

await scenario('server_overhead', 'Scenario 2: server overhead (console vs simulator direct)', async () => {
  const simulator = await track(startSimulatorProcess({ SIMULATOR_TASKS: '500' }));
  const [consoleCacheOn, consoleCacheOff] = await Promise.all([
    track(startConsoleProcess(simulator.url)),
    track(startConsoleProcess(simulator.url, { DCS_CACHE_TTL_MS: '0' })),
  ]);
  try {
    return await runOverheadScenario({ simulator, consoleCacheOn, consoleCacheOff }, { durationS: plan.overheadS });
  } finally {
    await Promise.all([stopProc(consoleCacheOn), stopProc(consoleCacheOff), stopProc(simulator)]);
  }
});

await scenario('big_lists_api', `Scenario 3a: big lists through the API (${BIG} tasks)`, async () => {
  const simulator = await track(startSimulatorProcess({ SIMULATOR_TASKS: String(BIG) }));
  const [consoleCacheOn, consoleCacheOff] = await Promise.all([
    track(startConsoleProcess(simulator.url)),
    track(startConsoleProcess(simulator.url, { DCS_CACHE_TTL_MS: '0' })),
  ]);
  try {
    return await runBigListScenario({ simulator, consoleCacheOn, consoleCacheOff });
  } finally {
    await Promise.all([stopProc(consoleCacheOn), stopProc(consoleCacheOff), stopProc(simulator)]);
  }
});

let chromiumVersion = 'not started';
const withBrowser = async () => {
  browser ??= await chromium.launch(chromiumLaunchOptions());
  chromiumVersion = browser.version();
  return browser;
};

await scenario('big_lists_browser', `Scenario 3b: big lists in the browser (${BIG} tasks)`, async () => {
  const consoleProc = await track(startEmbeddedConsoleProcess({ SIMULATOR_TASKS: String(BIG) }));
  try {
    return await runBrowserListScenario(await withBrowser(), consoleProc, BIG);
  } finally {
    await stopProc(consoleProc);
  }
});

await scenario('page_weight', 'Scenario 4: page weight (dist/web, gzip)', async () => {
  const report = measureBundle();
  printTable('Scenario 4: page weight (gzip, zlib level 6; kB = 1000 bytes)', bundleRows(report));
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  return {
    result: { build, ...report },
    goals: [
      goal('4 page weight', 'initial JS (entry + modulepreloads)', `≤ ${kb(report.budgets.initialJsGzip)} gzip`, kb(report.totals.initialJsGzip), report.totals.initialJsGzip <= report.budgets.initialJsGzip && report.initialJs.length > 0),
      goal('4 page weight', 'initial CSS', `≤ ${kb(report.budgets.initialCssGzip)} gzip`, kb(report.totals.initialCssGzip), report.totals.initialCssGzip <= report.budgets.initialCssGzip),
    ],
  };
});

await scenario('polling', 'Scenario 5: polling (requests per minute of an open tab)', async () => {
  const consoleProc = await track(startEmbeddedConsoleProcess({ SIMULATOR_STOP_DELAY_MS: '20000' }));
  try {
    return await runPollingScenario(await withBrowser(), consoleProc, plan.polling);
  } finally {
    await stopProc(consoleProc);
  }
});

await scenario('several_instances', 'Scenario 6: several instances (SQLite vs PostgreSQL; 1 vs 2 instances)', () =>
  runSeveralInstancesScenario(quick ? { stops: 50, dashboards: 20, durationS: 8 } : { stops: 200, dashboards: 50, durationS: 20 }),
);

await scenario('overviews', 'Scenario 7: open overviews (1 vs 50)', () => runOverviewsScenario({ durationS: quick ? 60 : 120 }));

await shutdown();
clearTimeout(watchdog);

const passed = goals.filter((g) => g.pass).length;
const missed = goals.filter((g) => !g.pass);
const results = {
  machine: {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_mb: Math.round(totalmem() / 1024 / 1024),
    loadavg_1m_at_start: loadAtStart,
    chromium: chromiumVersion,
    date: new Date(startedAt).toISOString(),
  },
  mode: quick ? 'quick' : 'full',
  ...(only ? { only } : {}),
  console_server: { mode: SERVER_MODE, ...serverBuild },
  elapsed_s: Math.round((Date.now() - startedAt) / 1000),
  scenarios,
  goals,
  summary: { goals: goals.length, passed, missed: missed.length, errors },
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

console.log(`\n=== Summary: ${passed}/${goals.length} goals met, ${missed.length} missed${errors.length ? `, ${errors.length} scenario(s) could not run` : ''} (${results.elapsed_s} s) ===`);
printGoals(goals);
for (const g of missed) console.log(`MISSED: [${g.scenario}] ${g.goal}: ${g.actual} (goal ${g.target})`);
for (const e of errors) console.log(`ERROR: ${e.scenario}: ${e.error}`);
console.log(`results: ${RESULTS}`);
process.exit(errors.length ? 1 : 0);
