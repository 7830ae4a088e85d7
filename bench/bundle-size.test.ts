// The page-weight check npm test runs (bench/bundle-budget.ts) must bite: a made-up dist over the
// budget, or carrying zod, is reported; one within budget is not.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUDGETS, measureBundle } from './bundle-size';

/** A made-up build: `<tmp>/web` as served, its source maps in `<tmp>/sourcemaps` (or, with mapsServed, in web itself). */
function fakeDist(initialJsBytes: number, options: { zodIn?: string; floatingUiIn?: string; mapsServed?: boolean } = {}): string {
  const dist = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'web');
  const maps = options.mapsServed ? dist : join(dist, '..', 'sourcemaps');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  mkdirSync(join(maps, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    '<script type="module" src="/assets/index.js"></script><link rel="modulepreload" href="/assets/vendor.js"><link rel="stylesheet" href="/assets/index.css">',
  );
  // Random bytes do not compress: gzip size ≈ raw size.
  writeFileSync(join(dist, 'assets/index.js'), randomBytes(Math.floor(initialJsBytes / 2)));
  writeFileSync(join(dist, 'assets/vendor.js'), randomBytes(Math.floor(initialJsBytes / 2)));
  writeFileSync(join(dist, 'assets/index.css'), 'body{color:red}');
  writeFileSync(join(dist, 'assets/task.js'), 'export const lazy = 1;');
  for (const file of ['index.js', 'vendor.js', 'task.js']) {
    const sources = file === options.zodIn ? ['../../node_modules/zod/v4/classic/schemas.js'] : ['../../src/web/main.tsx'];
    if (file === options.floatingUiIn) sources.push('../../node_modules/@floating-ui/react/dist/floating-ui.react.mjs');
    writeFileSync(join(maps, `assets/${file}.map`), JSON.stringify({ version: 3, sources, mappings: '' }));
  }
  return dist;
}

describe('page-weight budget', () => {
  it('passes a first download within the budget', () => {
    expect(measureBundle(fakeDist(50_000)).overBudget).toEqual([]);
  });

  it('fails a first download over the budget, naming the files', () => {
    const report = measureBundle(fakeDist(BUDGETS.initialJsGzip + 20_000));
    expect(report.overBudget).toHaveLength(1);
    expect(report.overBudget[0]).toMatch(/initial JS is .* over the budget of 185\.0 kB \(assets\/index\.js, assets\/vendor\.js\)/);
  });

  it('fails when zod reaches any chunk, lazy ones included', () => {
    const report = measureBundle(fakeDist(50_000, { zodIn: 'task.js' }));
    expect(report.overBudget).toEqual([expect.stringContaining('assets/task.js bundles zod')]);
  });

  it('fails when popover positioning (floating-ui) is in the first download, not when a lazy page has it', () => {
    expect(measureBundle(fakeDist(50_000, { floatingUiIn: 'task.js' })).overBudget).toEqual([]);
    expect(measureBundle(fakeDist(50_000, { floatingUiIn: 'vendor.js' })).overBudget).toEqual([
      expect.stringContaining('assets/vendor.js is in the first download and bundles @floating-ui'),
    ]);
  });

  it('fails a build whose served files hold source maps (each carries every source file), or that has none to check', () => {
    const served = measureBundle(fakeDist(50_000, { mapsServed: true }));
    expect(served.overBudget).toEqual(
      expect.arrayContaining([expect.stringMatching(/holds source maps, which the console would serve to anyone: assets\/\w+\.js\.map/), expect.stringContaining('no source map in')]),
    );
  });
});
