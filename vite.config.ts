import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The SPA lives in src/web; index.html at the root is its entry. `npm run dev` serves it with hot
// reload and proxies /api to a BFF on the embedded simulator (see src/server/dev.ts).
const bffPort = Number(process.env.BFF_PORT ?? 8090);

// Web tests that assert what is loaded when (lazy catalogues and modules): they need a module graph
// of their own, so they run isolated.
const WEB_FRESH_MODULES = ['src/web/i18n/on-demand.test.ts'];

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/web', emptyOutDir: true, sourcemap: true },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    proxy: {
      '/api': `http://127.0.0.1:${bffPort}`,
      '/auth': `http://127.0.0.1:${bffPort}`,
      '/healthz': `http://127.0.0.1:${bffPort}`,
    },
  },
  test: {
    globals: true,
    // vitest's default is one worker less than the cores: one worker on a 2-core machine, where
    // most test time waits on sockets and two workers nearly halve the run.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Only a guard against a test that hangs: every wait inside a test follows a condition or the
    // test clock, so a passing test never waits for this. 5 s (the default) is less than a
    // component test that renders the whole app needs on a 2-core machine with one core busy.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/*.test.ts', 'src/{dcs,api,server,simulator}/**/*.test.ts', 'bench/**/*.test.ts'],
          setupFiles: ['src/api/testing/console-guard.setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          exclude: WEB_FRESH_MODULES,
          setupFiles: ['src/web/testing/setup.ts'],
          // One jsdom and one module graph per worker, not per file: importing React, Mantine and
          // the app again for each of 56 files cost more than half the web project's time. The
          // setup resets what tests share (msw handlers, mock data, DOM, storage, notifications,
          // language, timers) after every test.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'web-fresh-modules',
          environment: 'jsdom',
          include: WEB_FRESH_MODULES,
          setupFiles: ['src/web/testing/setup.ts'],
        },
      },
    ],
  },
});
