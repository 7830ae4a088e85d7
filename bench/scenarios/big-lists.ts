// Scenario 3a, big lists through the API: 10,000 tasks upstream. First page, name search and a
// status filter (which the console answers by scanning the whole upstream list in pages of
// 1000), cold and warm, against the simulator called directly; and a correctness check.
import { request } from 'undici';
import { goal, median, printTable, ratio, round, type Goal, type ScenarioOutcome } from '../common';
import { SIMULATOR, signedSimulatorHeaders, type Proc } from '../lib';

const SAMPLES = 5;
const PAGE = 1000;
export const NAME_SUBSTRING = 'orders';
const STATUS = 'INCRMIGEATING';

interface Timed<T> {
  ms: number;
  body: T;
}

interface ListBody {
  count: number;
  tasks: { task_id: string; task_name?: string | null; status?: string | null }[];
}

interface DcsListBody {
  count?: number;
  migration_tasks?: { task_id?: string; task_name?: string | null; status?: string | null }[];
}

async function timedGet<T>(url: string, headers: Record<string, string> = {}): Promise<Timed<T>> {
  const t0 = performance.now();
  const res = await request(url, { headers, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const text = await res.body.text();
  const ms = performance.now() - t0;
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as T };
}

async function samples<T>(n: number, call: () => Promise<Timed<T>>): Promise<{ median_ms: number; all_ms: number[]; body: T }> {
  const all: number[] = [];
  let body: T | undefined;
  for (let i = 0; i < n; i++) {
    const r = await call();
    all.push(round(r.ms, 1));
    body = r.body;
  }
  return { median_ms: round(median(all), 1), all_ms: all, body: body! };
}

export interface BigListResult {
  tasks: number;
  queries: {
    query: string;
    console_first_ms: number;
    console_warm_median_ms: number;
    console_uncached_median_ms: number;
    simulator_direct_median_ms: number;
    simulator_direct_is: string;
    uncached_vs_direct: number;
    warm_vs_direct: number;
    count: number;
  }[];
  simulator_page_1000_median_ms: number;
  simulator_full_scan_median_ms: number;
  correctness: { status: string; console_count: number; console_uncached_count: number; direct_scan_count: number; name_count_console: number; name_count_direct: number; names_match: boolean; ok: boolean };
  note: string;
}

export async function runBigListScenario(stack: { simulator: Proc; consoleCacheOn: Proc; consoleCacheOff: Proc }): Promise<ScenarioOutcome<BigListResult>> {
  const name = '3a big lists (API)';
  const listPath = `/v2/${SIMULATOR.projectId}/migration-tasks`;
  const direct = (query: Record<string, string | number>) => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return timedGet<DcsListBody>(`${stack.simulator.url}${listPath}?${qs}`, signedSimulatorHeaders(stack.simulator.url, 'GET', listPath, query));
  };
  const fullScan = async (): Promise<Timed<DcsListBody['migration_tasks']>> => {
    const t0 = performance.now();
    const all: NonNullable<DcsListBody['migration_tasks']> = [];
    for (let page = 0; page < 100; page++) {
      const { body } = await direct({ offset: all.length, limit: PAGE });
      const tasks = body.migration_tasks ?? [];
      all.push(...tasks);
      if (tasks.length < PAGE || (body.count !== undefined && all.length >= body.count)) break;
    }
    return { ms: performance.now() - t0, body: all };
  };

  const queries: { query: string; direct: Record<string, string | number> | null; directIs: string }[] = [
    { query: '?limit=20', direct: { offset: 0, limit: 20 }, directIs: 'offset=0&limit=20' },
    { query: `?name=${NAME_SUBSTRING}&limit=20`, direct: { offset: 0, limit: 20, name: NAME_SUBSTRING }, directIs: `offset=0&limit=20&name=${NAME_SUBSTRING}` },
    { query: `?status=${STATUS}&limit=20`, direct: null, directIs: `full scan, pages of ${PAGE}` },
  ];

  // Cold: the very first request of each query on the configured console (nothing cached yet).
  const first = new Map<string, Timed<ListBody>>();
  for (const q of queries) first.set(q.query, await timedGet<ListBody>(`${stack.consoleCacheOn.url}/api/migration-tasks${q.query}`));

  const page1000 = await samples(SAMPLES, () => direct({ offset: 0, limit: PAGE }));
  const scan = await samples(3, fullScan);
  const rows: BigListResult['queries'] = [];
  let statusCount = { cached: -1, uncached: -1 };
  let nameCount = { console: -1, direct: -1, match: false };
  for (const q of queries) {
    const warm = await samples(SAMPLES, () => timedGet<ListBody>(`${stack.consoleCacheOn.url}/api/migration-tasks${q.query}`));
    const uncached = await samples(SAMPLES, () => timedGet<ListBody>(`${stack.consoleCacheOff.url}/api/migration-tasks${q.query}`));
    const directTime = q.direct ? await samples(SAMPLES, () => direct(q.direct!)) : scan;
    rows.push({
      query: q.query,
      console_first_ms: round(first.get(q.query)!.ms, 1),
      console_warm_median_ms: warm.median_ms,
      console_uncached_median_ms: uncached.median_ms,
      simulator_direct_median_ms: directTime.median_ms,
      simulator_direct_is: q.directIs,
      uncached_vs_direct: ratio(uncached.median_ms, directTime.median_ms),
      warm_vs_direct: ratio(warm.median_ms, directTime.median_ms),
      count: warm.body.count,
    });
    if (q.query.startsWith('?status')) statusCount = { cached: warm.body.count, uncached: uncached.body.count };
    if (q.query.startsWith('?name')) {
      const directBody = (directTime as { body: DcsListBody }).body;
      nameCount = {
        console: warm.body.count,
        direct: directBody.count ?? -1,
        match: warm.body.tasks.length > 0 && warm.body.tasks.every((t) => (t.task_name ?? '').includes(NAME_SUBSTRING)),
      };
    }
  }
  const scanned = (scan.body ?? []).filter((t) => t.status === STATUS).length;
  const correctness = {
    status: STATUS,
    console_count: statusCount.cached,
    console_uncached_count: statusCount.uncached,
    direct_scan_count: scanned,
    name_count_console: nameCount.console,
    name_count_direct: nameCount.direct,
    names_match: nameCount.match,
    ok: statusCount.cached === scanned && statusCount.uncached === scanned && nameCount.console === nameCount.direct && nameCount.match,
  };

  printTable(`Scenario 3a: big lists, ${(scan.body ?? []).length} tasks upstream (console first request; warm and uncached = median of ${SAMPLES})`, [
    ...rows.map((r) => ({
      'console query': r.query,
      count: r.count,
      'first ms': r.console_first_ms,
      'warm ms': r.console_warm_median_ms,
      'uncached ms': r.console_uncached_median_ms,
      'direct ms': r.simulator_direct_median_ms,
      'direct is': r.simulator_direct_is,
      'uncached/direct': r.uncached_vs_direct,
      'warm/direct': r.warm_vs_direct,
    })),
  ]);
  console.log(
    `  simulator direct: one page of ${PAGE} ${page1000.median_ms} ms (median of ${SAMPLES}); full scan ${scan.median_ms} ms (median of 3). ` +
      `Correctness: console ${STATUS} count ${correctness.console_count} (uncached ${correctness.console_uncached_count}) vs direct scan ${scanned}; ` +
      `name "${NAME_SUBSTRING}" ${correctness.name_count_console} vs ${correctness.name_count_direct} — ${correctness.ok ? 'OK' : 'MISMATCH'}`,
  );

  const goals: Goal[] = [
    goal(
      name,
      `status filter count equals a direct scan of the simulator`,
      `${scanned} ${STATUS} tasks`,
      `${correctness.console_count} (cache on), ${correctness.console_uncached_count} (cache off); name filter ${correctness.name_count_console}/${correctness.name_count_direct}${correctness.names_match ? '' : ', names do not match'}`,
      correctness.ok,
    ),
  ];
  return {
    result: {
      tasks: (scan.body ?? []).length,
      queries: rows,
      simulator_page_1000_median_ms: page1000.median_ms,
      simulator_full_scan_median_ms: scan.median_ms,
      correctness,
      note:
        '"first" is the first request of each query on the configured console (cold: nothing cached); "warm" repeats it at once on the same console ' +
        '(a short cache answers); "uncached" is a second console with DCS_CACHE_TTL_MS=0, where every request goes upstream. ' +
        'The direct baseline of the status filter is a full signed scan of the simulator in pages of 1000.',
    },
    goals,
  };
}
