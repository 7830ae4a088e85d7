// Page weight of the built SPA (dist/web): what a first visit downloads before it can show
// anything (the entry script, its modulepreloads and stylesheets named by index.html) against
// the budgets, and the lazy chunks listed apart. Shared by `bench/run.ts` and `bench/bundle-budget.ts`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DIST_WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
/** Where the build writes the source maps: beside dist/web, never served (vite.config.ts). */
export const sourceMapsOf = (dist: string) => join(dist, '..', 'sourcemaps');

/** Budgets in bytes of gzip (kB = 1000 bytes, as Vite reports sizes). */
export const BUDGETS = { initialJsGzip: 185_000, initialCssGzip: 40_000 } as const;

export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  dist: string;
  initialJs: AssetSize[];
  initialCss: AssetSize[];
  lazyJs: AssetSize[];
  lazyCss: AssetSize[];
  totals: { initialJsGzip: number; initialCssGzip: number; lazyJsGzip: number; lazyCssGzip: number };
  budgets: typeof BUDGETS;
  /** One line per budget that is exceeded; empty when within budget. */
  overBudget: string[];
}

/** gzip at zlib's default level (6), what a typical server sends and what Vite's report shows. */
export function gzipSize(data: Buffer): number {
  return gzipSync(data).length;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The local asset paths index.html loads up front: module scripts, modulepreloads, stylesheets. */
export function initialAssets(indexHtml: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src && isLocal(src)) js.add(localPath(src));
    } else {
      const rel = (attr('rel') ?? '').toLowerCase().split(/\s+/);
      const href = attr('href');
      if (!href || !isLocal(href)) continue;
      if (rel.includes('modulepreload')) js.add(localPath(href));
      else if (rel.includes('stylesheet')) css.add(localPath(href));
    }
  }
  return { js: [...js], css: [...css] };
}

const isLocal = (url: string) => !/^[a-z]+:|^\/\//i.test(url);
const localPath = (url: string) => url.replace(/^\.?\//, '').replace(/[?#].*$/, '');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Measures dist/web; throws with a clear message when it has not been built. */
export function measureBundle(dist: string = DIST_WEB, maps: string = sourceMapsOf(dist)): BundleReport {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} does not exist: build the SPA first (npm run build)`);
  const initial = initialAssets(readFileSync(indexPath, 'utf8'));
  const size = (file: string): AssetSize => {
    const data = readFileSync(join(dist, file));
    return { file, bytes: data.length, gzip: gzipSize(data) };
  };
  for (const file of [...initial.js, ...initial.css]) {
    if (!existsSync(join(dist, file))) throw new Error(`index.html names ${file}, which is not in ${dist}`);
  }
  const initialSet = new Set([...initial.js, ...initial.css]);
  const others = listFiles(dist)
    .map((path) => relative(dist, path).split('\\').join('/'))
    .filter((file) => !initialSet.has(file) && statSync(join(dist, file)).isFile());
  const initialJs = initial.js.map(size);
  const initialCss = initial.css.map(size);
  const lazyJs = others.filter((f) => /\.m?js$/.test(f)).sort().map(size);
  const lazyCss = others.filter((f) => f.endsWith('.css')).sort().map(size);
  const sum = (assets: AssetSize[]) => assets.reduce((total, a) => total + a.gzip, 0);
  const totals = { initialJsGzip: sum(initialJs), initialCssGzip: sum(initialCss), lazyJsGzip: sum(lazyJs), lazyCssGzip: sum(lazyCss) };
  const overBudget: string[] = [];
  if (initialJs.length === 0) overBudget.push('index.html loads no script: cannot measure the initial JS');
  if (totals.initialJsGzip > BUDGETS.initialJsGzip) {
    overBudget.push(`initial JS is ${kb(totals.initialJsGzip)} gzip, over the budget of ${kb(BUDGETS.initialJsGzip)} (${initialJs.map((a) => a.file).join(', ')})`);
  }
  // What the console serves holds no source map: each carries the text of every source file.
  const served = others.filter((f) => f.endsWith('.map'));
  if (served.length > 0) overBudget.push(`${dist} holds source maps, which the console would serve to anyone: ${served.slice(0, 3).join(', ')}`);
  // The browser checks answers with src/web/lib/response-shape.ts; zod (24 kB gzip) stays on the server.
  const scripts = [...initial.js, ...others.filter((f) => /\.m?js$/.test(f))];
  // Files from public/ are copied as they are and have none.
  const unmapped = scripts.filter((file) => file.startsWith('assets/') && !existsSync(join(maps, `${file}.map`)));
  if (unmapped.length > 0) overBudget.push(`no source map in ${maps} for ${unmapped.slice(0, 3).join(', ')}: cannot check that zod stays out`);
  for (const file of scripts) {
    const mapPath = join(maps, `${file}.map`);
    if (!existsSync(mapPath)) continue;
    const sources = (JSON.parse(readFileSync(mapPath, 'utf8')) as { sources?: string[] }).sources ?? [];
    if (sources.some((source) => /node_modules\/zod\//.test(source))) overBudget.push(`${file} bundles zod: the browser must not import zod schemas (take values from src/api/rules)`);
    // Popovers' positioning (about 8 kB gzip) loads with the pages that have popovers, not first.
    if (initial.js.includes(file) && sources.some((source) => /node_modules\/@floating-ui\//.test(source))) {
      overBudget.push(`${file} is in the first download and bundles @floating-ui: something on the first page imports a popover (see vite.config.ts)`);
    }
  }
  if (totals.initialCssGzip > BUDGETS.initialCssGzip) {
    overBudget.push(`initial CSS is ${kb(totals.initialCssGzip)} gzip, over the budget of ${kb(BUDGETS.initialCssGzip)} (${initialCss.map((a) => a.file).join(', ')})`);
  }
  return { dist, initialJs, initialCss, lazyJs, lazyCss, totals, budgets: BUDGETS, overBudget };
}

/** Table rows: every asset with its kind, raw and gzip size, then the totals against the budgets. */
export function bundleRows(report: BundleReport): { kind: string; file: string; raw: string; gzip: string; budget: string }[] {
  const row = (kind: string, a: AssetSize) => ({ kind, file: a.file, raw: kb(a.bytes), gzip: kb(a.gzip), budget: '' });
  return [
    ...report.initialJs.map((a) => row('initial JS', a)),
    ...report.initialCss.map((a) => row('initial CSS', a)),
    ...report.lazyJs.map((a) => row('lazy JS', a)),
    ...report.lazyCss.map((a) => row('lazy CSS', a)),
    {
      kind: 'TOTAL initial JS',
      file: '',
      raw: kb(report.initialJs.reduce((t, a) => t + a.bytes, 0)),
      gzip: kb(report.totals.initialJsGzip),
      budget: `${kb(report.budgets.initialJsGzip)} (${pct(report.totals.initialJsGzip, report.budgets.initialJsGzip)})`,
    },
    {
      kind: 'TOTAL initial CSS',
      file: '',
      raw: kb(report.initialCss.reduce((t, a) => t + a.bytes, 0)),
      gzip: kb(report.totals.initialCssGzip),
      budget: `${kb(report.budgets.initialCssGzip)} (${pct(report.totals.initialCssGzip, report.budgets.initialCssGzip)})`,
    },
    { kind: 'TOTAL lazy JS', file: '', raw: kb(report.lazyJs.reduce((t, a) => t + a.bytes, 0)), gzip: kb(report.totals.lazyJsGzip), budget: '' },
  ];
}

const pct = (value: number, budget: number) => `${Math.round((value / budget) * 100)} %`;
