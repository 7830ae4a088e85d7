// `tsx bench/bundle-budget.ts` (run by `npm test` after the build): prints the gzip sizes of what
// a first visit downloads and exits 1, naming what is over, when a budget is exceeded.
import { bundleRows, measureBundle } from './bundle-size';
import { printTable } from './common';

let report;
try {
  report = measureBundle();
} catch (error) {
  console.error(`bundle budget: ${(error as Error).message}`);
  process.exit(1);
}
printTable('Page weight of dist/web (gzip, zlib level 6; kB = 1000 bytes)', bundleRows(report));
if (report.overBudget.length > 0) {
  for (const line of report.overBudget) console.error(`bundle budget: OVER BUDGET: ${line}`);
  process.exit(1);
}
console.log(
  `bundle budget: within budget: initial JS ${(report.totals.initialJsGzip / 1000).toFixed(1)} / ${report.budgets.initialJsGzip / 1000} kB gzip, ` +
    `CSS ${(report.totals.initialCssGzip / 1000).toFixed(1)} / ${report.budgets.initialCssGzip / 1000} kB gzip (lazy JS ${(report.totals.lazyJsGzip / 1000).toFixed(1)} kB, not counted)`,
);
