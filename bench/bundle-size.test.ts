// The page-weight check npm test runs (bench/bundle-budget.ts) must bite: a made-up dist over the
// budget, or carrying zod, is reported; one within budget is not.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUDGETS, measureBundle } from './bundle-size';

function fakeDist(initialJsBytes: number, options: { zodIn?: string } = {}): string {
  const dist = mkdtempSync(join(tmpdir(), 'bundle-'));
  mkdirSync(join(dist, 'assets'));
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
    writeFileSync(join(dist, `assets/${file}.map`), JSON.stringify({ version: 3, sources, mappings: '' }));
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
    expect(report.overBudget[0]).toMatch(/initial JS is .* over the budget of 190\.0 kB \(assets\/index\.js, assets\/vendor\.js\)/);
  });

  it('fails when zod reaches any chunk, lazy ones included', () => {
    const report = measureBundle(fakeDist(50_000, { zodIn: 'task.js' }));
    expect(report.overBudget).toEqual([expect.stringContaining('assets/task.js bundles zod')]);
  });
});
