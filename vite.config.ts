import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The SPA lives in src/web; index.html at the root is its entry. `npm run dev` serves it with hot
// reload and proxies /api to a BFF on the embedded simulator (see src/server/dev.ts).
const bffPort = Number(process.env.BFF_PORT ?? 8090);

// Web tests that assert what is loaded when (lazy catalogues and modules): they need a module graph
// of their own, so they run isolated.
const WEB_FRESH_MODULES = ['src/web/i18n/on-demand.test.ts'];

/**
 * Source maps (with every source file's text) go to dist/sourcemaps, beside what the console serves
 * (dist/web), and the scripts do not name them ('hidden'): a browser gets no map, a developer reading
 * a stack trace from production has them, and the bundle budget reads them to keep zod out.
 */
function sourceMapsOutsideServedFiles(): Plugin {
  let mapsDir = '';
  return {
    name: 'source-maps-outside-served-files',
    apply: 'build',
    configResolved(config) {
      mapsDir = resolve(config.root, config.build.outDir, '..', 'sourcemaps');
    },
    buildStart() {
      rmSync(mapsDir, { recursive: true, force: true });
    },
    generateBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!fileName.endsWith('.map') || output.type !== 'asset') continue;
        const path = join(mapsDir, fileName);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, output.source);
        delete bundle[fileName];
      }
    },
  };
}

/**
 * Mantine's ScrollArea (which every Table brings) imports one hook from @floating-ui/react; that
 * import alone put the whole of floating-ui into the first download. It gets the same hook, built
 * on Mantine's own, from src/web/lib/scroll-area-merge-refs.ts; popovers still import floating-ui.
 */
function scrollAreaWithoutFloatingUi(): Plugin {
  const shim = resolve(import.meta.dirname, 'src/web/lib/scroll-area-merge-refs.ts');
  return {
    name: 'scroll-area-without-floating-ui',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@floating-ui/react' && importer?.replaceAll('\\', '/').endsWith('/components/ScrollArea/ScrollArea.mjs')) return shim;
      return null;
    },
  };
}

export default defineConfig({
  plugins: [react(), sourceMapsOutsideServedFiles(), scrollAreaWithoutFloatingUi()],
  build: { outDir: 'dist/web', emptyOutDir: true, sourcemap: 'hidden' },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    proxy: {
      // changeOrigin: the BFF answers only to its own Host (DNS rebinding guard), not to Vite's port.
      '/api': { target: `http://127.0.0.1:${bffPort}`, changeOrigin: true },
      '/auth': { target: `http://127.0.0.1:${bffPort}`, changeOrigin: true },
      '/healthz': { target: `http://127.0.0.1:${bffPort}`, changeOrigin: true },
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
          // One module graph per worker, not per file: importing Fastify, Kysely and the server again
          // for each of 91 files was 58 s of the project's 136. No test here mocks a module or leaves
          // a global changed (fake timers are put back after each test that takes them).
          isolate: false,
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
