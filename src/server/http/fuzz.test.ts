// Property-based fuzzing of the console's HTTP surface (fast-check, fixed seed) against the real
// app and a real simulator. For every generated request:
//  - the console itself never answers 5xx: a 5xx is only an UPSTREAM_* code after a call upstream;
//  - every non-2xx JSON answer has the error shape, with the request id of the answer;
//  - a 4xx that is not the cloud's own verdict (no `upstream`) sent nothing upstream;
//  - no answer carries a secret or a file from outside the SPA folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorResponseSchema } from '../../api/errors';
import { startTestStack, type TestStack } from '../testing/stack';

const SEED = 20_251_127;
const RUNS = { api: 3000, anywhere: 1500, bodies: 1500 };
const FUZZ_CASES = RUNS.api + RUNS.anywhere + RUNS.bodies;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
const OUTSIDE_SECRET = 'OUTSIDE-THE-SPA-FOLDER-7d1f';

let stack: TestStack;
let dir: string;
let taskIds: string[];
let csrf: { cookie: string; token: string };
let upstreamSeen = 0;
/** What the cases provoked: answer codes (status or error code), and how many reached the cloud. */
const seen = new Map<string, number>();
const tally = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcs-fuzz-'));
  mkdirSync(join(dir, 'spa', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'spa', 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'spa', 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), OUTSIDE_SECRET);
  stack = await startTestStack({ app: { staticDir: join(dir, 'spa'), logLevel: 'silent', readiness: { cacheMs: 60_000 } } });
  taskIds = (await stack.app.inject({ url: '/api/migration-tasks?limit=1000' })).json().tasks.map((t: { task_id: string }) => t.task_id);
  csrf = await stack.csrf();
  upstreamSeen = (await stack.upstreamRequests()).total;
});
afterAll(async () => {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- generators ----
const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
const encoded = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return 'x';
  }
};
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), printable(40));
/** Path segments and query values as they arrive on the wire (percent-encoded or raw tricks). */
const nastyRaw = fc.constantFrom('..', '.', '%2e%2e', '%2F', '%2f..%2f..%2fsecret.txt', '..%2Fsecret.txt', '%00', 'a%00b', '%', '%zz', '%C0%AF', '%ff', '%E2%80%AE', '~', ';', '*', '+', ':', '@', '!', '$', '&', '=', ',', '%20', '%0d%0a');
const long = fc.constantFrom(65, 201, 1000, 5000).map((n) => 'a'.repeat(n));
const segment = fc.oneof(anyText.map(encoded), nastyRaw, long, fc.constantFrom('api', 'migration-tasks', 'stats', 'logs', 'stop', 'batch-stop', 'assets', 'index.html', 'audit'));
const taskId = fc.oneof(
  { arbitrary: fc.nat(1000).map((i) => taskIds[i % taskIds.length]!), weight: 5 },
  fc.uuid(),
  segment,
  fc.constantFrom('-', 'a', 'x'.repeat(64), 'x'.repeat(65), '00000000-0000-0000-0000-000000000000'),
);
const queryValue = fc.oneof(
  anyText.map(encoded),
  nastyRaw,
  long,
  fc.integer({ min: -5, max: 2_000_000 }).map(String),
  fc.constantFrom('', '0', '1', '1000', '1001', '-1', '1.5', '1e3', '0x10', 'NaN', 'Infinity', 'true', 'null', 'test', 'nowhere', 'INCRMIGEATING', 'INCRMIGEATING,TERMINATED', 'INFO', 'ERROR', '2025-01-01T00:00:00Z', '2025-13-45'),
);
const queryKey = fc.oneof(fc.constantFrom('offset', 'limit', 'name', 'status', 'target', 'level', 'task_id', 'user', 'since', 'until', '__proto__', 'constructor'), anyText.map(encoded), nastyRaw);
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: arb, weight: 1 });
/** Plausible parameters, so that many requests get past validation and reach the cloud. */
const plausible = fc
  .record({
    offset: sometimes(fc.nat(30)),
    limit: sometimes(fc.integer({ min: 1, max: 50 })),
    name: sometimes(fc.constantFrom('mig', 'test', 'é', '%25')),
    status: sometimes(fc.constantFrom('INCRMIGEATING', 'TERMINATED,SUCCESS', 'FULLMIGRATING')),
    target: sometimes(fc.constantFrom('test', 'test', 'nowhere')),
    level: sometimes(fc.constantFrom('INFO', 'ERROR')),
  })
  .map((r) => Object.entries(r).filter(([, v]) => v !== null) as [string, unknown][]);
const query = fc
  .oneof(fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }), plausible)
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${String(v)}`).join('&')}`));
const apiPath = fc.oneof(
  fc.constantFrom('/api/migration-tasks', '/api/migration-tasks/batch-stop', '/api/session', '/api/targets', '/api/audit', '/healthz', '/readyz'),
  taskId.map((id) => `/api/migration-tasks/${id}`),
  fc.tuple(taskId, fc.constantFrom('stats', 'logs', 'stop', 'sync-stop', '')).map(([id, tail]) => `/api/migration-tasks/${id}/${tail}`),
);
const anyPath = fc.oneof(
  fc.array(segment, { minLength: 0, maxLength: 6 }).map((s) => `/${s.join('/')}`),
  fc.tuple(fc.constantFrom('/api', '/auth', '/assets', '/targets', '/readyz', '/healthz', '/metrics', '/__simulator', '/v2'), fc.array(segment, { maxLength: 4 })).map(([p, s]) => [p, ...s].join('/')),
);
const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 4 },
  fc.constant(null),
  fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', '*/*', 'application/json, text/plain'),
);
const headers = fc.record({
  csrf: fc.oneof({ arbitrary: fc.constant('valid'), weight: 6 }, fc.constantFrom('none', 'garbage', 'header-only', 'cookie-only')),
  contentType,
  origin: sometimes(fc.constantFrom('http://localhost:80', 'https://evil.example', 'null', '')),
  site: sometimes(fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none')),
  extra: fc.dictionary(fc.constantFrom('x-forwarded-for', 'x-forwarded-user', 'x-forwarded-groups', 'authorization', 'accept', 'x-request-id', 'content-encoding', 'x-http-method-override'), printable(60), { maxKeys: 3 }),
});
const body = fc.oneof(
  fc.constant(undefined),
  fc.record({ reason: fc.option(anyText) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.record({ task_ids: fc.array(fc.oneof(taskId, fc.jsonValue()), { maxLength: 60 }), reason: fc.option(fc.oneof(anyText, fc.jsonValue())) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  fc.constantFrom('{', '{"task_ids":', 'null', '[]', '""', '\u0000', '{"a":1}{"b":2}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', 'task_ids=a&reason=b'),
  fc.constantFrom(70 * 1024, 200 * 1024).map((n) => JSON.stringify({ reason: 'r'.repeat(n) })),
  fc.constantFrom(5000).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const method = fc.oneof({ arbitrary: fc.constant('GET' as const), weight: 4 }, { arbitrary: fc.constant('POST' as const), weight: 2 }, fc.constantFrom(...METHODS));
const request = (path: fc.Arbitrary<string>, methods: fc.Arbitrary<(typeof METHODS)[number]>) =>
  fc.record({ method: methods, path, query, headers, body });

type Headers = { csrf: string; contentType: string | null; origin: string | null; site: string | null; extra: Record<string, string> };
type Case = { method: (typeof METHODS)[number]; path: string; query: string; headers: Headers; body: string | undefined };

// ---- the property ----
async function send(c: Case): Promise<LightMyRequestResponse> {
  const h: Record<string, string> = { ...c.headers.extra };
  if (c.headers.contentType !== null) h['content-type'] = c.headers.contentType;
  if (c.headers.origin !== null) h.origin = c.headers.origin;
  if (c.headers.site !== null) h['sec-fetch-site'] = c.headers.site;
  const mode = c.headers.csrf;
  if (mode === 'valid' || mode === 'cookie-only') h.cookie = csrf.cookie;
  if (mode === 'valid' || mode === 'header-only') h['x-csrf-token'] = csrf.token;
  if (mode === 'garbage') Object.assign(h, { cookie: 'dcs_csrf=garbage; dcs_session=x.y', 'x-csrf-token': 'garbage' });
  const bodyAllowed = c.method !== 'GET' && c.method !== 'HEAD';
  return stack.app.inject({ method: c.method, url: c.path + c.query, headers: h, payload: bodyAllowed ? c.body : undefined });
}

async function check(c: Case): Promise<void> {
  const res = await send(c);
  const total = (await stack.upstreamRequests()).total;
  const sent = total - upstreamSeen;
  upstreamSeen = total;
  const where = `${c.method} ${(c.path + c.query).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  const json = /^application\/json/.test(String(res.headers['content-type'] ?? ''));
  const isReadiness = c.path === '/readyz' && (res.statusCode === 200 || res.statusCode === 503);
  let error: { code: string; request_id: string; upstream?: unknown } | undefined;
  if (res.statusCode >= 400 && c.method !== 'HEAD' && !isReadiness) {
    expect(json, `error answers are JSON: ${where}`).toBe(true);
    const parsed = apiErrorResponseSchema.safeParse(res.json());
    expect(parsed.success, `error shape: ${where}`).toBe(true);
    error = parsed.data!.error;
    expect(error.request_id, where).toBe(res.headers['x-request-id']);
  }
  if (res.statusCode >= 500) {
    expect(error?.code ?? '', `a 5xx only for an upstream failure: ${where}`).toMatch(/^UPSTREAM_/);
    expect(sent, `a 5xx follows a call upstream: ${where}`).toBeGreaterThan(0);
  }
  if (c.method === 'HEAD' && sent > 0 && res.statusCode >= 400) expect([404, 409, 502, 503, 504], `HEAD: only the cloud's verdicts: ${where}`).toContain(res.statusCode);
  else if (res.statusCode >= 400 && res.statusCode < 500 && !error?.upstream) expect(sent, `nothing upstream for a refused request: ${where}`).toBe(0);
  if (error?.upstream) expect(['TASK_NOT_FOUND', 'STOP_NOT_ALLOWED'], where).toContain(error.code);
  tally(error?.code ?? String(res.statusCode));
  if (sent > 0) tally('upstream');
  expect(res.body, where).not.toContain(OUTSIDE_SECRET);
  expect(res.body, where).not.toContain(stack.simulator.sk);
  expect(res.body, where).not.toMatch(/"password"\s*:/);
  expect(res.headers['x-content-type-options'], where).toBe('nosniff');
}

describe(`fuzzing the console API (${FUZZ_CASES} cases, seed ${SEED})`, () => {
  it.each([
    ['API routes, any method, query, headers and body', RUNS.api, request(apiPath, method)],
    ['any path under / (traversal, encodings, long and odd segments)', RUNS.anywhere, request(anyPath, method)],
    ['the state-changing routes with every kind of body', RUNS.bodies, request(fc.oneof(apiPath.filter((p) => p.endsWith('/stop')), fc.constant('/api/migration-tasks/batch-stop')), fc.constantFrom('POST' as const))],
  ])('%s: %i cases', { timeout: 60_000 }, async (_name, numRuns, arbitrary) => {
    const result = await fc.check(fc.asyncProperty(arbitrary as fc.Arbitrary<Case>, check), { numRuns, seed: SEED });
    if (result.failed) {
      const reason = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
      throw new Error(`failed after ${result.numRuns} cases (shrunk ${result.numShrinks} times): ${reason.slice(0, 1500)}`);
    }
    expect(result.numRuns).toBe(numRuns);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reached every layer: answers, refusals of each kind, and calls to the cloud', () => {
    const expected = ['200', 'upstream', 'ROUTE_NOT_FOUND', 'INVALID_TASK_ID', 'INVALID_QUERY', 'INVALID_BODY', 'CSRF_REJECTED', 'UNKNOWN_TARGET', 'TASK_NOT_FOUND', 'STOP_NOT_ALLOWED'];
    for (const key of expected) expect(seen.get(key) ?? 0, `${key} in ${JSON.stringify(Object.fromEntries(seen))}`).toBeGreaterThan(0);
  });
});
