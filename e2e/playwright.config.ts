import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

// The real console (BFF + embedded simulator, as `npm start` runs it) on loopback, driven by
// Chromium. The simulator's port is pinned so tests can use its control API.
export const CONSOLE_PORT = Number(process.env.E2E_PORT ?? 18080);
export const SIMULATOR_PORT = CONSOLE_PORT + 1;

export default defineConfig({
  testDir: '.',
  outputDir: './.output/results',
  workers: 1, // one simulator, shared state: journeys run one after another
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: './.output/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${CONSOLE_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    // The compiled server `npm start` runs (rebuilt here: a few hundred ms), not tsx on the sources.
    // Each run starts from an empty DATA_DIR: the simulator starts afresh, so audit entries and
    // stop-when-caught-up watches of an earlier run would point at tasks that no longer exist.
    command: 'rm -rf e2e/.output/data && npm run -s build:server && exec node dist/server/main.js',
    cwd: '..',
    url: `http://127.0.0.1:${CONSOLE_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: String(CONSOLE_PORT),
      SIMULATOR_PORT: String(SIMULATOR_PORT),
      SIMULATOR_STOP_DELAY_MS: '4000',
      LOG_LEVEL: 'warn',
      DATA_DIR: 'e2e/.output/data',
      DCS_TIMEOUT_MS: '3000',
      STOP_RATE_LIMIT: '1000',
    },
  },
});
