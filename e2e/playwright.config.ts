import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { consolePort, E2E_WORKERS, simulatorPort } from './servers';

// The real console (BFF + embedded simulator, as `npm start` runs it) on loopback, driven by
// Chromium. Each worker has its own console and simulator (e2e/servers.ts); the simulator's port
// is pinned so journeys can use its control API. The fixtures point baseURL at the worker's own.
export default defineConfig({
  testDir: '.',
  outputDir: './.output/results',
  workers: E2E_WORKERS,
  fullyParallel: false, // the journeys of one file run in order, in one worker
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: './.output/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${consolePort(0)}`,
    // A failed journey keeps a screenshot and its error context (the page's ARIA snapshot). Its
    // full trace (actions, DOM snapshots, network, console; no screencast) with E2E_TRACE=1:
    // recording one for every journey costs a tenth of the suite's time.
    trace: process.env.E2E_TRACE === '1' ? { mode: 'retain-on-failure', screenshots: false } : 'off',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  // The compiled server `npm start` runs (test:e2e builds it first), not tsx on the sources. Each
  // run starts from an empty DATA_DIR: the simulator starts afresh, so audit entries and
  // stop-when-caught-up watches of an earlier run would point at tasks that no longer exist.
  webServer: Array.from({ length: E2E_WORKERS }, (_, i) => ({
    command: `rm -rf e2e/.output/data-${i} && exec node dist/server/main.js`,
    cwd: '..',
    url: `http://127.0.0.1:${consolePort(i)}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      HOST: '127.0.0.1',
      PORT: String(consolePort(i)),
      SIMULATOR_PORT: String(simulatorPort(i)),
      // A stop takes 1.5 s to end: longer than the answer to it (the page shows TERMINATING), shorter
      // than the page's first read after it (2 s), so the journeys that follow a stop wait one read.
      SIMULATOR_STOP_DELAY_MS: '1500',
      LOG_LEVEL: 'warn',
      DATA_DIR: `e2e/.output/data-${i}`,
      DCS_TIMEOUT_MS: '3000',
      // No read cache: journeys change the simulated cloud behind the console's back (setStatus, pins,
      // the reset before each journey), and a read cached a moment earlier would show the world before
      // it; a settled task shown that way is never read again. The cache is proved by the server tests.
      DCS_CACHE_TTL_MS: '0',
      STOP_RATE_LIMIT: '1000',
    },
  })),
});
