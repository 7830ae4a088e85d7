// Preloaded into the console by the load test only (NODE_OPTIONS=--expose-gc --require …), never
// in production. On SIGUSR2 it runs a full garbage collection and writes what is still in use to
// $BENCH_MEMORY_FILE: memory that survives a full GC is what a leak looks like, whereas resident
// memory right after a burst mostly measures how lazily V8 collects.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require)
const { renameSync, writeFileSync } = require('node:fs');

const file = process.env.BENCH_MEMORY_FILE;
if (file && typeof globalThis.gc === 'function') {
  let sample = 0;
  process.on('SIGUSR2', () => {
    globalThis.gc();
    globalThis.gc();
    const usage = process.memoryUsage();
    sample += 1;
    const text = JSON.stringify({ sample, heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss });
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  });
}
