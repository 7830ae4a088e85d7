import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditListSchema, type AuditRecord } from '../../api/audit';
import { buildApp } from '../app';
import { can } from '../auth/principal';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { DEFAULT_RETRY_ATTEMPTS } from '../upstream/retry';
import { AUDIT_DB_FILE, openSqliteAuditStore } from './sqlite-store';
import type { AuditStore } from './store';

let stack: TestStack;
type Summary = { task_id: string; task_name: string; status: string };
let all: Summary[];

const STOP_ROUTE = 'POST /migration-task/{id}/stop';
const byStatus = (status: string, index = 0) => {
  const task = all.filter((t) => t.status === status)[index];
  if (!task) throw new Error(`the simulator seeded no ${status} task #${index}`);
  return task;
};

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());
beforeEach(async () => {
  await stack.control('POST', '/reset');
  all = (await stack.app.inject({ url: '/api/migration-tasks?limit=1000' })).json().tasks;
});

async function post(url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const { cookie, token } = await stack.csrf();
  return stack.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'x-csrf-token': token, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}
const stop = (taskId: string, payload?: unknown, headers?: Record<string, string>) => post(`/api/migration-tasks/${taskId}/stop`, payload, headers);
const batchStop = (payload: unknown) => post('/api/migration-tasks/batch-stop', payload);

async function auditPage(query = ''): Promise<{ count: number; records: AuditRecord[] }> {
  const res = await stack.app.inject({ url: `/api/audit${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return auditListSchema.parse(res.json());
}
const total = async () => (await stack.audit.list({ offset: 0, limit: 1 })).count;
/** The records written while answering this request. */
const recordsOf = async (res: LightMyRequestResponse) =>
  (await stack.audit.list({ offset: 0, limit: 200 })).records.filter((r) => r.request_id === res.headers['x-request-id']);
const upstreamStops = async () => (await stack.upstreamRequests()).routes[STOP_ROUTE] ?? 0;
const auditLogLines = (requestId: string) =>
  stack.logs
    .flatMap((chunk) => chunk.split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === 'audit' && line.request_id === requestId);

describe('a stop is recorded before and after the cloud is called', () => {
  it('an accepted stop: who, target, task id and name, status before, reason, outcome, status after, request ids — committed before the answer', async () => {
    const task = byStatus('INCRMIGEATING');
    const res = await stop(task.task_id, { reason: '  wrong target instance  ' });
    // A second connection to the file, right after the answer: the outcome is already committed.
    const db = new Database(join(stack.dataDir, AUDIT_DB_FILE), { readonly: true });
    const row = db.prepare('SELECT outcome, status_after FROM audit_record WHERE request_id = ?').get(res.headers['x-request-id']);
    db.close();
    expect(res.statusCode).toBe(200);
    expect(row).toEqual({ outcome: 'accepted', status_after: 'TERMINATING' });

    const { count, records } = await auditPage(`?task_id=${task.task_id}&limit=1`);
    expect(count).toBe(1);
    const record = records[0]!;
    expect(record).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      user: 'local operator',
      user_subject: 'local operator',
      target: 'test',
      task_id: task.task_id,
      task_name: task.task_name,
      status_before: 'INCRMIGEATING',
      reason: 'wrong target instance',
      action: 'stop',
      batch_id: null,
      outcome: 'accepted',
      status_after: 'TERMINATING',
      error_code: null,
      upstream_error_code: null,
      upstream_request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      request_id: res.headers['x-request-id'],
      finished_at: expect.any(String),
    });
    expect(Date.parse(record.finished_at!)).toBeGreaterThanOrEqual(Date.parse(record.at));
    expect(Date.parse(record.at)).toBe(stack.clock.now());
    expect(await upstreamStops()).toBe(1);

    // One structured log line per finished record, with the same fields.
    expect(auditLogLines(record.request_id)).toEqual([expect.objectContaining({ level: 30, ...record })]);
  });

  it('a refused stop (task already TERMINATED): outcome refused with the DCS code and the upstream request id', async () => {
    const task = byStatus('TERMINATED');
    const res = await stop(task.task_id);
    expect(res.statusCode).toBe(409);
    expect(await recordsOf(res)).toEqual([
      expect.objectContaining({
        task_id: task.task_id,
        status_before: 'TERMINATED',
        reason: null,
        outcome: 'refused',
        status_after: null,
        error_code: 'STOP_NOT_ALLOWED',
        upstream_error_code: 'DCS.4957',
        upstream_request_id: errorOf(res).upstream?.request_id,
      }),
    ]);
  });

  it('a timed-out stop: outcome unknown', async () => {
    const task = byStatus('INCRMIGEATING');
    await stack.control('POST', '/faults', { route: STOP_ROUTE, latency_ms: 2500, times: 1 });
    const res = await stop(task.task_id, { reason: 'runaway' });
    expect(res.statusCode).toBe(504);
    expect(await recordsOf(res)).toEqual([
      expect.objectContaining({ status_before: 'INCRMIGEATING', reason: 'runaway', outcome: 'unknown', error_code: 'UPSTREAM_TIMEOUT', finished_at: expect.any(String) }),
    ]);
  });

  it('a cloud failure (500): outcome failed with the DCS code', async () => {
    await stack.control('POST', '/faults', { route: STOP_ROUTE, status: 500, error_code: 'DCS.5000', times: 1 });
    const res = await stop(byStatus('INCRMIGEATING').task_id);
    expect(res.statusCode).toBe(502);
    expect(await recordsOf(res)).toEqual([expect.objectContaining({ outcome: 'failed', error_code: 'UPSTREAM_ERROR', upstream_error_code: 'DCS.5000' })]);
  });

  it('a task the cloud does not know: recorded as failed, and no stop is sent', async () => {
    const res = await stop('00000000-0000-0000-0000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('TASK_NOT_FOUND');
    expect(await recordsOf(res)).toEqual([
      expect.objectContaining({ task_name: null, status_before: null, outcome: 'failed', error_code: 'TASK_NOT_FOUND', upstream_error_code: 'DCS.4133' }),
    ]);
    expect(await upstreamStops()).toBe(0);
  });

  it('when the task cannot be read first, the stop still goes out; the name is the one last read (the list), the status not known', async () => {
    // As many failures as the console makes attempts: the read fails for good (retries: upstream/retry.ts).
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}', status: 500, times: DEFAULT_RETRY_ATTEMPTS });
    const task = byStatus('INCRMIGEATING');
    const res = await stop(task.task_id);
    expect(res.statusCode).toBe(200);
    expect(await recordsOf(res)).toEqual([expect.objectContaining({ task_name: task.task_name, status_before: null, outcome: 'accepted', status_after: 'TERMINATING' })]);
  });

  it('no body, an empty body object or a blank reason: recorded without a reason; 500 characters are kept', async () => {
    const long = 'é'.repeat(500);
    const answers = [
      await stop(byStatus('INCRMIGEATING', 0).task_id),
      await stop(byStatus('INCRMIGEATING', 1).task_id, {}),
      await stop(byStatus('INCRMIGEATING', 2).task_id, { reason: '   ' }),
      await stop(byStatus('FULLMIGRATING', 0).task_id, { reason: `  ${long}\n` }),
    ];
    for (const res of answers) expect(res.statusCode, res.body).toBe(200);
    const reasons = await Promise.all(answers.map(async (res) => (await recordsOf(res))[0]?.reason));
    expect(reasons).toEqual([null, null, null, long]);
  });

  it.each([
    ['a reason over 500 characters', { reason: 'x'.repeat(501) }, /at most 500/],
    ['a line break in the reason', { reason: 'first\nsecond' }, /control/],
    ['a control character in the reason', { reason: 'a\u0007b' }, /control/],
    ['a bidirectional override in the reason', { reason: 'evil\u202Etxt' }, /control/],
    ['a reason that is not a string', { reason: 42 }, /reason/],
    ['an unknown field', { reason: 'ok', force: true }, /force|Unrecognized/i],
    ['an array body', [], /object/],
    ['a string body', '"stop"', /object/],
  ])('%s is refused with INVALID_BODY, nothing sent, nothing recorded', async (_name, payload, message) => {
    const [before, upstreamBefore] = [await total(), (await stack.upstreamRequests()).total];
    const res = await stop(byStatus('INCRMIGEATING').task_id, payload);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_BODY');
    expect(errorOf(res).message).toMatch(message);
    expect(await total()).toBe(before);
    expect((await stack.upstreamRequests()).total).toBe(upstreamBefore);
  });

  it('a request refused before the cloud (CSRF, cross-site, bad id, unknown target) writes no record', async () => {
    const [before, upstreamBefore] = [await total(), (await stack.upstreamRequests()).total];
    const task = byStatus('INCRMIGEATING');
    const answers = [
      await stack.app.inject({ method: 'POST', url: `/api/migration-tasks/${task.task_id}/stop` }),
      await stop(task.task_id, {}, { 'sec-fetch-site': 'cross-site' }),
      await stop(task.task_id, {}, { 'x-csrf-token': 'x'.repeat(32) }),
      await stop('bad!id', {}),
      await post(`/api/migration-tasks/${task.task_id}/stop?target=nowhere`, {}),
      await post('/api/migration-tasks/batch-stop', { task_ids: [task.task_id] }, { origin: 'https://evil.example' }),
    ];
    expect(answers.map((res) => errorOf(res).code)).toEqual(['CSRF_REJECTED', 'CSRF_REJECTED', 'CSRF_REJECTED', 'INVALID_TASK_ID', 'UNKNOWN_TARGET', 'CSRF_REJECTED']);
    expect(await total()).toBe(before);
    expect((await stack.upstreamRequests()).total).toBe(upstreamBefore);
  });
});

describe('batch stop is recorded per task', () => {
  it('one record per task, sharing a batch id, with name, status before, reason and the per-task verdict', async () => {
    const running = byStatus('INCRMIGEATING');
    const finished = byStatus('SUCCESS');
    const res = await batchStop({ task_ids: [running.task_id, finished.task_id], reason: 'maintenance window closed' });
    expect(res.statusCode).toBe(200);
    const records = await recordsOf(res);
    expect(records).toHaveLength(2);
    const [b, a] = records; // newest first: the batch's last task first
    expect(a).toMatchObject({
      action: 'batch-stop',
      task_id: running.task_id,
      task_name: running.task_name,
      status_before: 'INCRMIGEATING',
      reason: 'maintenance window closed',
      outcome: 'accepted',
      status_after: null,
      error_code: null,
    });
    expect(b).toMatchObject({
      action: 'batch-stop',
      task_id: finished.task_id,
      task_name: finished.task_name,
      status_before: 'SUCCESS',
      outcome: 'refused',
      error_code: 'STOP_NOT_ALLOWED',
      upstream_error_code: 'DCS.4957',
    });
    expect(a!.batch_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(b!.batch_id).toBe(a!.batch_id);
    expect(a!.upstream_request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(b!.upstream_request_id).toBe(a!.upstream_request_id);
    expect(auditLogLines(a!.request_id)).toHaveLength(2);
  });

  it('a failed batch call marks every task with the failure', async () => {
    await stack.control('POST', '/faults', { route: 'POST /migration-task/batch-stop', status: 503, error_code: 'DCS.5000', times: 1 });
    const res = await batchStop({ task_ids: [byStatus('INCRMIGEATING', 0).task_id, byStatus('INCRMIGEATING', 1).task_id] });
    expect(res.statusCode).toBe(502);
    const records = await recordsOf(res);
    expect(records.map((r) => [r.outcome, r.error_code, r.upstream_error_code])).toEqual([
      ['failed', 'UPSTREAM_ERROR', 'DCS.5000'],
      ['failed', 'UPSTREAM_ERROR', 'DCS.5000'],
    ]);
  });

  it('an invalid batch (bad reason) writes no record', async () => {
    const before = await total();
    const res = await batchStop({ task_ids: [byStatus('INCRMIGEATING').task_id], reason: 'a\rb' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_BODY');
    expect(await total()).toBe(before);
  });
});

describe('GET /api/audit', () => {
  it('filters by task, user, target and time, newest first, with count and paging', async () => {
    // Earlier tests stopped the same seeded tasks: look only at what this test records.
    const start = `since=${new Date(stack.clock.advance(1000)).toISOString()}`;
    const a = byStatus('INCRMIGEATING', 0);
    const b = byStatus('INCRMIGEATING', 1);
    const first = await stop(a.task_id, { reason: 'first' });
    stack.clock.advance(10);
    const second = await stop(b.task_id, { reason: 'second' });
    stack.clock.advance(10);
    const third = await stop(a.task_id, { reason: 'again' });
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([200, 200, 200]);

    const ofA = await auditPage(`?task_id=${a.task_id}&${start}`);
    expect(ofA.count).toBe(2);
    expect(ofA.records.map((r) => [r.reason, r.status_before])).toEqual([
      ['again', 'TERMINATING'],
      ['first', 'INCRMIGEATING'],
    ]);
    // The task page's "Stopped by X, T ago: reason".
    expect((await auditPage(`?task_id=${a.task_id}&limit=1&${start}`)).records.map((r) => r.reason)).toEqual(['again']);
    expect((await auditPage(`?task_id=${a.task_id}&offset=1&limit=1&${start}`)).records.map((r) => r.reason)).toEqual(['first']);

    const since = ofA.records[1]!.at;
    const recent = await auditPage(`?since=${encodeURIComponent(since)}`);
    expect(recent.records.map((r) => r.reason)).toEqual(['again', 'second', 'first']);
    const until = ofA.records[0]!.at;
    expect((await auditPage(`?since=${since}&until=${until}`)).records.map((r) => r.reason)).toEqual(['second', 'first']);
    // Offsets are accepted and normalised to UTC.
    const plusTwo = new Date(Date.parse(since) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect((await auditPage(`?since=${encodeURIComponent(plusTwo)}`)).count).toBe(3);

    expect((await auditPage(`?task_id=${a.task_id}&user=local%20operator&target=test&${start}`)).count).toBe(2);
    expect((await auditPage(`?task_id=${a.task_id}&user=someone%20else&${start}`)).count).toBe(0);
    expect((await auditPage(`?task_id=${a.task_id}&target=other&${start}`)).count).toBe(0);

    const everything = await auditPage('?limit=200');
    expect(everything.count).toBeGreaterThanOrEqual(3);
    const times = everything.records.map((r) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect((await auditPage()).records.length).toBe(Math.min(50, everything.count));
  });

  it.each([
    'limit=0',
    'limit=201',
    'limit=ten',
    'offset=-1',
    'task_id=bad!id',
    'target=NOT%20VALID',
    'user=',
    'user=a&user=b',
    'user=' + 'u'.repeat(257),
    'user=alice%E2%80%AE',
    'task_name=',
    'task_name=' + 'n'.repeat(129),
    'task_name=a&task_name=b',
    'task_name=orders%0Acache',
    'task_name=orders%E2%80%8B',
    'task_name=%00',
    'name=orders',
    'since=yesterday',
    'since=2025-03-01',
    'since=2025-03-01T10:00:00',
    'since=2025-03-02T00:00:00Z&until=2025-03-01T00:00:00Z',
    'task=abc',
  ])('refuses ?%s with INVALID_QUERY', async (query) => {
    const res = await stack.app.inject({ url: `/api/audit?${query}` });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QUERY');
  });

  it('says which parameter holds an invisible character, by code point, never quoting it', async () => {
    const res = await stack.app.inject({ url: '/api/audit?task_name=ord%E2%80%AEers' });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('task_name');
    expect(error.message).toContain('U+202E (RIGHT-TO-LEFT OVERRIDE) at position 4');
    expect(res.body).not.toContain('\u202e');
    expect(res.body).not.toContain('\u202E');
  });

  it('finds records by the first letters of the task name, ignoring case, wildcards taken literally', async () => {
    const start = `since=${new Date(stack.clock.advance(1000)).toISOString()}`;
    const task = byStatus('INCRMIGEATING', 2);
    expect((await stop(task.task_id, { reason: 'by name' })).statusCode).toBe(200);
    const prefix = task.task_name.slice(0, 3);
    const flip = (text: string) => [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    for (const search of [prefix, flip(prefix), task.task_name]) {
      const found = await auditPage(`?task_name=${encodeURIComponent(search)}&${start}`);
      expect(found.records.map((r) => [r.task_id, r.reason])).toEqual([[task.task_id, 'by name']]);
    }
    expect((await auditPage(`?task_name=${encodeURIComponent(`${prefix}%`)}&${start}`)).count).toBe(
      task.task_name.startsWith(`${prefix}%`) ? 1 : 0,
    );
    expect((await auditPage(`?task_name=%25&${start}`)).count).toBe(0);
    expect((await auditPage(`?task_name=_&${start}`)).count).toBe(0);
  });

  it('is for operators: the session grants audit:read to operators, not to viewers', async () => {
    const session = (await stack.app.inject({ url: '/api/session' })).json();
    expect(session.allowed_actions).toContain('audit:read');
    expect(can({ name: 'v', roles: ['viewer'] }, 'audit:read')).toBe(false);
    expect(can({ name: 'o', roles: ['operator'] }, 'audit:read')).toBe(true);
  });
});

describe('when the audit trail cannot be written', () => {
  const failing = (which: 'begin' | 'finish'): AuditStore => {
    const store = openSqliteAuditStore(':memory:');
    return {
      begin: which === 'begin' ? () => Promise.reject(new Error('disk I/O error')) : (attempts) => store.begin(attempts),
      finish: which === 'finish' ? () => Promise.reject(new Error('disk I/O error')) : (results) => store.finish(results),
      list: (filter) => store.list(filter),
      dialect: store.dialect,
      probe: (timeoutMs) => store.probe(timeoutMs),
      close: () => store.close(),
    };
  };

  it('a stop whose attempt cannot be recorded is not sent', async () => {
    const broken = await startTestStack({ app: { audit: failing('begin') } });
    try {
      const task = (await broken.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING' })).json().tasks[0];
      const { cookie, token } = await broken.csrf();
      const res = await broken.app.inject({ method: 'POST', url: `/api/migration-tasks/${task.task_id}/stop`, headers: { cookie, 'x-csrf-token': token } });
      expect(res.statusCode).toBe(500);
      expect(errorOf(res)).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/did not send the stop/) });
      expect((await broken.upstreamRequests()).routes[STOP_ROUTE] ?? 0).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('a stop whose outcome cannot be recorded says so, and the outcome still reaches the log', async () => {
    const broken = await startTestStack({ app: { audit: failing('finish') } });
    try {
      const task = (await broken.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING' })).json().tasks[0];
      const { cookie, token } = await broken.csrf();
      const res = await broken.app.inject({ method: 'POST', url: `/api/migration-tasks/${task.task_id}/stop`, headers: { cookie, 'x-csrf-token': token } });
      expect(res.statusCode).toBe(500);
      expect(errorOf(res).message).toMatch(/sent to the cloud, but the console could not record its outcome/);
      const logged = broken.logs.join('');
      expect(logged).toContain('"event":"audit.write_failed"');
      expect(logged).toContain('"outcome":"accepted"');
    } finally {
      await broken.close();
    }
  });
});

it('the app closes its audit store when it closes', async () => {
  const store = openSqliteAuditStore(':memory:');
  const app = await buildApp({ targets: [{ id: 't', label: 'T', region: 'r', simulated: true, dcs: { endpoint: new URL('http://127.0.0.1:9'), projectId: '0'.repeat(32), auth: { kind: 'token', token: 't' }, connectTimeoutMs: 100, timeoutMs: 100 } }], staticDir: null, logLevel: 'silent', audit: store });
  expect((await app.inject({ url: '/api/audit' })).json()).toEqual({ count: 0, records: [] });
  await app.close();
  await expect(store.list({ offset: 0, limit: 1 })).rejects.toThrow(/closed/);
});
