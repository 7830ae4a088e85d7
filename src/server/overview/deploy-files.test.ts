// deploy/: every metric the alert rules and the Grafana dashboard query exists in the /metrics
// answer of a real console (against the real simulator, with tasks observed, sampled and stopped),
// and the rules pass `promtool check rules` and their unit tests (`promtool test rules`).
// promtool comes from .ci/ensure-promtool.sh (Debian's prometheus package, extracted, not installed).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { buildApp } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import { as, OPERATOR, proxyAuth, VIEWER } from '../testing/proxy-users';
import type { TestStack } from '../testing/stack';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const RULES = join(ROOT, 'deploy/prometheus/dcs-console-rules.yml');
const RULE_TESTS = join(ROOT, 'deploy/prometheus/dcs-console-rules.test.yml');
const DASHBOARD = join(ROOT, 'deploy/grafana/dcs-console-dashboard.json');

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression selects: not functions, aggregations, keywords, labels, numbers or Grafana variables. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // strings first: they may hold braces
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\$\{[^}]*\}|\$\w+/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/(?<![\w:])\d[\w.+-]*/g, ' '); // numbers and durations
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][\w:]*/g)) {
    const rest = stripped.slice(match.index + match[0].length);
    if (/^\s*\(/.test(rest) || KEYWORDS.has(match[0].toLowerCase())) continue;
    names.add(match[0]);
  }
  return [...names];
}

/** Each rule's expr, from the rules file as written there (one line, or a `|` block below it). */
function ruleExpressions(yaml: string): string[] {
  const lines = yaml.split('\n');
  const exprs: string[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)(?:- )?expr:\s*(.*)$/.exec(line);
    if (!match) return;
    if (!/^[|>][-+]?$/.test(match[2]!)) return void exprs.push(match[2]!.replace(/^(['"])(.*)\1$/, '$2'));
    const block: string[] = [];
    for (const next of lines.slice(i + 1)) {
      if (next.trim() !== '' && next.search(/\S/) <= match[1]!.length) break;
      block.push(next.trim());
    }
    exprs.push(block.join(' ').trim());
  });
  return exprs;
}

interface Dashboard {
  panels: { title: string; type: string; targets?: { expr: string }[] }[];
  templating: { list: { name: string; type: string; query?: string | { query: string } }[] };
}

function dashboardExpressions(dashboard: Dashboard): { where: string; expr: string }[] {
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })));
  for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
    const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
    const labelValues = /^label_values\((.*),\s*\w+\)$/.exec(query);
    exprs.push({ where: `variable $${variable.name}`, expr: labelValues ? labelValues[1]! : query });
  }
  return exprs;
}

function promtool(...args: string[]): { ok: boolean; output: string } {
  const binary = execFileSync('bash', [join(ROOT, '.ci/ensure-promtool.sh')], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const run = spawnSync(binary, args, { cwd: join(ROOT, 'deploy/prometheus'), encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}${run.error ? String(run.error) : ''}` };
}

describe('the PromQL tokenizer of this test', () => {
  it('finds metric names, and only them', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le, route) (rate(x_bucket{route=~"a|b{c}"}[5m] offset 1h)))')).toEqual(['x_bucket']);
    expect(metricNames('max by (t) (deriv(a[10m])) > 0 and on(t) group_left(n) b:rate5m * 1e3 > bool $v unless c')).toEqual(['a', 'b:rate5m', 'c']);
    expect(ruleExpressions('  - alert: A\n    expr: |\n      max(a)\n      > 0\n    for: 1m\n  - expr: "b > 1"\n')).toEqual(['max(a) > 0', 'b > 1']);
  });
});

describe('deploy/', () => {
  let sim: RunningSimulator;
  let app: FastifyInstance;
  let exposed: Set<string>;
  let body: string;

  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, stopDelayMs: 600_000 });
    app = await buildApp({
      targets: [{ id: 'test', label: 'Test', region: 'test', simulated: true, dcs: { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk', ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 2000, timeoutMs: 5000, cacheTtlMs: 60_000 } }],
      staticDir: null,
      logLevel: 'silent',
      auth: proxyAuth(),
      audit: openSqliteAuditStore(':memory:'),
      history: { sampler: { intervalMs: 0 } },
      overview: { intervalMs: 0 },
    });
    await app.ready();
    const stack = { app } as TestStack;
    const control = (path: string, payload: unknown) => fetch(`${sim.url}/__simulator${path}`, { method: 'POST', body: JSON.stringify(payload) });

    // Real traffic behind every series the files query: a list read twice (a cache hit), two
    // identical reads at once (coalesced), an error, progress samples, a stop, then an observer scan.
    const list = async () => (await as(stack, VIEWER, 'GET', '/api/migration-tasks?limit=1000')).json().tasks as { task_id: string; migration_type: string }[];
    await list();
    const online = (await list()).filter((t) => t.migration_type === 'online_migration').map((t) => t.task_id);
    const [lagging, stopped] = online;
    expect(stopped).toBeDefined();
    for (const id of [lagging!, stopped!]) await control(`/tasks/${id}/status`, { status: 'INCRMIGEATING' });
    await control(`/tasks/${lagging}/progress`, { offset: 5000 });
    await control('/faults', { route: 'GET /migration-task/{id}', latency_ms: 200, times: 1 });
    await Promise.all([1, 2].map(() => as(stack, VIEWER, 'GET', `/api/migration-tasks/${lagging}`)));
    expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${lagging}/stats`)).statusCode).toBe(200);
    expect((await as(stack, OPERATOR, 'POST', `/api/migration-tasks/${stopped}/stop`, { payload: {} })).statusCode).toBe(200);
    expect((await as(stack, VIEWER, 'GET', '/api/migration-tasks/not%20an%20id')).statusCode).toBe(400);
    await app.taskObserver.tick();

    const res = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    body = res.body;
    exposed = new Set(body.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => /^[\w:]+/.exec(l)![0]));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('the console exports real task series: status, progress of the sampled task, the stop request', () => {
    expect(body).toMatch(/^dcs_migration_task_status\{target="test",task_id="[^"]+",task_name="[^"]*",status="TERMINATING"\} 1$/m);
    expect(body).toMatch(/^dcs_migration_task_offset\{target="test",task_id="[^"]+",task_name="[^"]*"\} 5000$/m);
    expect(body).toMatch(/^dcs_migration_task_stop_requested_timestamp_seconds\{target="test",task_id="[^"]+",task_name="[^"]*"\} \d+(\.\d+)?$/m);
    expect(body).toMatch(/^dcs_migration_task_metrics_omitted_tasks\{target="test"\} 0$/m);
  });

  it('every metric the alert rules query exists in /metrics', () => {
    const exprs = ruleExpressions(readFileSync(RULES, 'utf8'));
    expect(exprs.length).toBeGreaterThanOrEqual(4);
    for (const expr of exprs) {
      const names = metricNames(expr);
      expect(names, expr).not.toEqual([]);
      expect(names.filter((n) => !exposed.has(n)), `not in /metrics: ${expr}`).toEqual([]);
    }
  });

  it('every metric the dashboard panels and variables query exists in /metrics', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
    const exprs = dashboardExpressions(dashboard);
    expect(exprs.length).toBeGreaterThanOrEqual(15);
    for (const { where, expr } of exprs) {
      const names = metricNames(expr);
      expect(names, `${where}: ${expr}`).not.toEqual([]);
      expect(names.filter((n) => !exposed.has(n)), `${where} queries what /metrics lacks: ${expr}`).toEqual([]);
    }
  });

  it('the dashboard asks for its Prometheus data source, never a fixed one', () => {
    const text = readFileSync(DASHBOARD, 'utf8');
    const uids = [...text.matchAll(/"datasource":\s*\{"type":"prometheus","uid":"([^"]*)"\}/g)].map((m) => m[1]);
    expect(uids.length).toBeGreaterThan(0);
    expect(new Set(uids)).toEqual(new Set(['${datasource}']));
  });

  it('promtool check rules passes, and finds every rule this test read', () => {
    const { ok, output } = promtool('check', 'rules', RULES);
    expect(ok, output).toBe(true);
    expect(output).toContain(`SUCCESS: ${ruleExpressions(readFileSync(RULES, 'utf8')).length} rules found`);
  }, 120_000);

  it("the rules' unit tests pass (promtool test rules): each alert fires once per task across instances", () => {
    const { ok, output } = promtool('test', 'rules', RULE_TESTS);
    expect(ok, output).toBe(true);
  }, 120_000);
});
