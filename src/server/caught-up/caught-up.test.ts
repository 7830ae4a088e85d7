// Stop when caught up, through the console against a real simulator: the watch stops the task after
// exactly N polls in a row at offset ≤ threshold, through the audited stop; resets, cancels,
// refusals, upstream errors, auth and CSRF. The watcher's clock is the test's; polls are run with
// pollDue(), so nothing waits on real time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaughtUpWatch } from '../../api/caught-up';
import { CAUGHT_UP_MAX_CONSECUTIVE_ERRORS } from '../../api/rules/caught-up';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { as, OPERATOR, proxyAuth, VIEWER } from '../testing/proxy-users';

let stack: TestStack;
let clock = Date.UTC(2026, 0, 1, 12);
type Summary = { task_id: string; status: string; migration_type: string; migration_method: string };
let all: Summary[];

beforeAll(async () => {
  stack = await startTestStack({
    app: { auth: proxyAuth(), caughtUp: { now: () => clock, tickMs: 0 }, history: { now: () => clock, sampler: { intervalMs: 0 } } },
    dcs: { cacheTtlMs: 0, retry: { attempts: 1 } },
  });
});
afterAll(() => stack.close());
beforeEach(async () => {
  for (const watch of await stack.app.caughtUp.list('test')) await as(stack, OPERATOR, 'DELETE', url(watch.task_id));
  await stack.control('POST', '/reset');
  all = (await as(stack, VIEWER, 'GET', '/api/migration-tasks?limit=1000')).json().tasks;
});

/** A different incremental task in incremental sync for each call, so watches of earlier tests do not collide. */
let used = new Set<string>();
function incrementalTask(): string {
  const task = all.find((t) => t.status === 'INCRMIGEATING' && !used.has(t.task_id));
  if (!task) {
    used = new Set();
    return incrementalTask();
  }
  used.add(task.task_id);
  return task.task_id;
}
const url = (id: string) => `/api/migration-tasks/${id}/stop-when-caught-up`;
const pinOffset = (id: string, offset: number) => stack.control('POST', `/tasks/${id}/progress`, { offset });
const simStatus = async (id: string) => ((await stack.control('GET', `/tasks/${id}`)) as { status: string }).status;
async function schedule(id: string, body: Record<string, unknown> = {}): Promise<CaughtUpWatch> {
  const res = await as(stack, OPERATOR, 'POST', url(id), { payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function watchOf(id: string): Promise<CaughtUpWatch> {
  const res = await as(stack, VIEWER, 'GET', url(id));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().watch;
}
/** Advances the clock by the poll interval (the first poll is due at once) and runs due polls. */
async function poll(id: string, advanceS = 5): Promise<CaughtUpWatch> {
  clock += advanceS * 1000;
  await stack.app.caughtUp.pollDue();
  return watchOf(id);
}
async function auditOf(id: string) {
  return (await stack.audit.list({ task_id: id, offset: 0, limit: 50 })).records;
}

describe('stops after N polls in a row at or below the threshold', () => {
  it('not before the Nth poll, then through the audited stop as the operator who scheduled it', async () => {
    const id = incrementalTask();
    await pinOffset(id, 0);
    const created = await schedule(id, { consecutive_polls: 3, poll_interval_s: 5, reason: 'cut-over window' });
    expect(created).toMatchObject({ state: 'waiting', threshold: 0, consecutive_polls: 3, poll_interval_s: 5, created_by: 'olga', polls_in_a_row: 0, reason: 'cut-over window' });
    expect(created.next_poll_at).toBe(new Date(clock).toISOString());

    expect(await poll(id, 0)).toMatchObject({ state: 'waiting', polls_in_a_row: 1, last_poll: { offset: 0, status: 'INCRMIGEATING', caught_up: true } });
    expect((await poll(id, 1)).polls_in_a_row).toBe(1); // not due yet: no poll
    const second = await poll(id, 4);
    expect(second).toMatchObject({ state: 'waiting', polls_in_a_row: 2, next_poll_at: new Date(clock + 5000).toISOString() });
    expect(await simStatus(id)).toBe('INCRMIGEATING');

    const done = await poll(id);
    expect(done).toMatchObject({ state: 'done', polls_in_a_row: 3, next_poll_at: null, stop: { outcome: 'accepted', status_after: 'TERMINATING', error_code: null } });
    expect(await simStatus(id)).toBe('TERMINATING');

    const records = await auditOf(id);
    expect(records.map((r) => [r.action, r.user, r.outcome, r.reason])).toEqual([
      ['caught-up-stop', 'olga', 'accepted', 'cut-over window'],
      ['caught-up-schedule', 'olga', 'accepted', 'cut-over window'],
    ]);
    expect(done.stop!.audit_record_id).toBe(records[0]!.id);
    expect(records[0]).toMatchObject({ status_before: 'INCRMIGEATING', status_after: 'TERMINATING' });
  });

  it('a poll above the threshold resets the count', async () => {
    const id = incrementalTask();
    await pinOffset(id, 5);
    await schedule(id, { threshold: 10, consecutive_polls: 2 });
    expect((await poll(id, 0)).polls_in_a_row).toBe(1);
    await pinOffset(id, 11);
    expect(await poll(id)).toMatchObject({ state: 'waiting', polls_in_a_row: 0, last_poll: { offset: 11, caught_up: false } });
    await pinOffset(id, 10);
    expect((await poll(id)).polls_in_a_row).toBe(1);
    expect(await simStatus(id)).toBe('INCRMIGEATING');
    expect((await poll(id)).state).toBe('done');
  });

  it('never counts a poll during the full sync, where the offset is 0 before anything is in sync', async () => {
    const id = all.find((t) => t.migration_method === 'incremental_migration' && t.migration_type === 'online_migration' && t.status === 'FULLMIGRATING')?.task_id;
    expect(id).toBeDefined();
    await schedule(id!, { consecutive_polls: 1 });
    for (let i = 0; i < 3; i++) expect(await poll(id!, i === 0 ? 0 : 5)).toMatchObject({ state: 'waiting', polls_in_a_row: 0, last_poll: { offset: 0, status: 'FULLMIGRATING', caught_up: false } });
    expect(await simStatus(id!)).toBe('FULLMIGRATING');
  });

  it('the polls feed the progress history', async () => {
    const id = incrementalTask();
    await pinOffset(id, 0);
    await schedule(id, { consecutive_polls: 5 });
    await poll(id, 0);
    await poll(id, 15);
    const history = (await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/history`)).json();
    expect(history.samples.map((s: { offset: number }) => s.offset)).toEqual([0, 0]);
  });
});

describe('cancel', () => {
  it('prevents the stop and is recorded in the audit trail', async () => {
    const id = incrementalTask();
    await pinOffset(id, 0);
    await schedule(id, { consecutive_polls: 2 });
    expect((await poll(id, 0)).polls_in_a_row).toBe(1);
    const res = await as(stack, OPERATOR, 'DELETE', url(id));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'cancelled', cancelled_by: 'olga', next_poll_at: null, finished_at: new Date(clock).toISOString() });
    for (let i = 0; i < 3; i++) await poll(id);
    expect(await simStatus(id)).toBe('INCRMIGEATING');
    expect((await watchOf(id)).state).toBe('cancelled');
    expect((await auditOf(id)).map((r) => [r.action, r.user, r.outcome])).toEqual([
      ['caught-up-cancel', 'olga', 'accepted'],
      ['caught-up-schedule', 'olga', 'accepted'],
    ]);
    const again = await as(stack, OPERATOR, 'DELETE', url(id));
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'CAUGHT_UP_WATCH_FINISHED']);
  });

  it('wins over a poll in flight that would have stopped the task', async () => {
    const id = incrementalTask();
    await pinOffset(id, 0);
    await schedule(id, { consecutive_polls: 1 });
    // The poll's stats answer is held back; the cancel is answered meanwhile.
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}/stats', latency_ms: 400, times: 1 });
    const polling = stack.app.caughtUp.pollDue();
    const res = await as(stack, OPERATOR, 'DELETE', url(id));
    expect(res.json().state).toBe('cancelled');
    await polling;
    expect(await watchOf(id)).toMatchObject({ state: 'cancelled', stop: null });
    expect(await simStatus(id)).toBe('INCRMIGEATING');
  });

  it('after a cancel the task can be watched again; a second active watch is refused', async () => {
    const id = incrementalTask();
    await schedule(id);
    const twice = await as(stack, OPERATOR, 'POST', url(id), { payload: {} });
    expect([twice.statusCode, errorOf(twice).code]).toEqual([409, 'CAUGHT_UP_WATCH_EXISTS']);
    await as(stack, OPERATOR, 'DELETE', url(id));
    expect((await schedule(id, { threshold: 100 })).threshold).toBe(100);
    await as(stack, OPERATOR, 'DELETE', url(id));
  });

  it('for a task never watched GET answers 200 { watch: null } and DELETE 404 CAUGHT_UP_WATCH_NOT_FOUND', async () => {
    const id = '00000000-0000-0000-0000-0000000000aa';
    const get = await as(stack, VIEWER, 'GET', url(id));
    expect([get.statusCode, get.json()]).toEqual([200, { watch: null }]);
    const del = await as(stack, OPERATOR, 'DELETE', url(id));
    expect([del.statusCode, errorOf(del).code]).toEqual([404, 'CAUGHT_UP_WATCH_NOT_FOUND']);
  });
});

describe('refusals', () => {
  it('a full migration: 409 NOT_INCREMENTAL_MIGRATION; a stopped task: 409 TASK_NOT_STOPPABLE; no watch, no audit record', async () => {
    const full = all.find((t) => t.migration_method === 'full_amount_migration' && t.status === 'FULLMIGRATING')!.task_id;
    const res = await as(stack, OPERATOR, 'POST', url(full), { payload: {} });
    expect([res.statusCode, errorOf(res).code]).toEqual([409, 'NOT_INCREMENTAL_MIGRATION']);

    const stopped = all.find((t) => t.migration_method === 'incremental_migration' && t.status === 'TERMINATED')!.task_id;
    const refused = await as(stack, OPERATOR, 'POST', url(stopped), { payload: {} });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([409, 'TASK_NOT_STOPPABLE']);
    expect(errorOf(refused).message).toMatch(/already been stopped/);
    for (const id of [full, stopped]) {
      expect(await auditOf(id)).toEqual([]);
      expect(await watchOf(id)).toBeNull();
    }
  });

  it('an unknown task: 404 TASK_NOT_FOUND with the DCS code', async () => {
    const res = await as(stack, OPERATOR, 'POST', url('00000000-0000-0000-0000-0000000000bb'), { payload: {} });
    expect([res.statusCode, errorOf(res).code]).toEqual([404, 'TASK_NOT_FOUND']);
    expect(errorOf(res).upstream).toMatchObject({ error_code: 'DCS.4133' });
  });

  it.each([
    [{ threshold: -1 }],
    [{ consecutive_polls: 0 }],
    [{ consecutive_polls: 21 }],
    [{ poll_interval_s: 1 }],
    [{ poll_interval_s: 301 }],
    [{ reason: 'a\nb' }],
    [{ other: 1 }],
  ])('body %j: 400 INVALID_BODY, nothing sent upstream', async (body) => {
    const id = incrementalTask();
    await stack.control('DELETE', '/requests');
    const res = await as(stack, OPERATOR, 'POST', url(id), { payload: body });
    expect([res.statusCode, errorOf(res).code]).toEqual([400, 'INVALID_BODY']);
    expect((await stack.upstreamRequests()).total).toBe(0);
  });

  it.each([
    ['POST', '/api/migration-tasks/bad_id!/stop-when-caught-up', 400, 'INVALID_TASK_ID'],
    ['GET', '/api/migration-tasks/abc/stop-when-caught-up?target=elsewhere', 400, 'UNKNOWN_TARGET'],
    ['DELETE', '/api/migration-tasks/abc/stop-when-caught-up?x=1', 400, 'INVALID_QUERY'],
    ['GET', '/api/stop-when-caught-up?target=Bad', 400, 'INVALID_QUERY'],
  ] as const)('%s %s → %s %s', async (method, path, status, code) => {
    const res = await as(stack, OPERATOR, method, path, method === 'POST' ? { payload: {} } : {});
    expect([res.statusCode, errorOf(res).code]).toEqual([status, code]);
  });
});

describe('who may', () => {
  it('a viewer may read a watch and the list, not set or cancel one (403 FORBIDDEN)', async () => {
    const id = incrementalTask();
    const set = await as(stack, VIEWER, 'POST', url(id), { payload: {} });
    expect([set.statusCode, errorOf(set).code]).toEqual([403, 'FORBIDDEN']);
    await schedule(id);
    expect((await as(stack, VIEWER, 'GET', url(id))).statusCode).toBe(200);
    const list = await as(stack, VIEWER, 'GET', '/api/stop-when-caught-up');
    expect(list.json().watches.map((w: CaughtUpWatch) => w.task_id)).toContain(id);
    const cancel = await as(stack, VIEWER, 'DELETE', url(id));
    expect([cancel.statusCode, errorOf(cancel).code]).toEqual([403, 'FORBIDDEN']);
    expect((await watchOf(id)).state).toBe('waiting');
    await as(stack, OPERATOR, 'DELETE', url(id));
  });

  it('CSRF: POST and DELETE without the token are refused (403 CSRF_REJECTED)', async () => {
    const id = incrementalTask();
    const set = await as(stack, OPERATOR, 'POST', url(id), { payload: {}, csrf: false });
    expect([set.statusCode, errorOf(set).code]).toEqual([403, 'CSRF_REJECTED']);
    await schedule(id);
    const cancel = await as(stack, OPERATOR, 'DELETE', url(id), { csrf: false });
    expect([cancel.statusCode, errorOf(cancel).code]).toEqual([403, 'CSRF_REJECTED']);
    expect((await watchOf(id)).state).toBe('waiting');
    await as(stack, OPERATOR, 'DELETE', url(id));
  });
});

describe('upstream errors during polls', () => {
  const statsFails = () => stack.control('POST', '/faults', { route: 'GET /migration-task/{id}/stats', status: 500 });

  it('are recorded, neither count nor reset, and the watch goes on', async () => {
    const id = incrementalTask();
    await pinOffset(id, 0);
    await schedule(id, { consecutive_polls: 3 });
    expect((await poll(id, 0)).polls_in_a_row).toBe(1);
    await statsFails();
    const failedPoll = await poll(id);
    expect(failedPoll).toMatchObject({ state: 'waiting', polls_in_a_row: 1, consecutive_errors: 1, last_poll: { error_code: 'UPSTREAM_ERROR', caught_up: false } });
    expect(failedPoll.last_error).toEqual(failedPoll.last_poll);
    await stack.control('DELETE', '/faults');
    const recovered = await poll(id);
    expect(recovered).toMatchObject({ polls_in_a_row: 2, consecutive_errors: 0, last_error: { error_code: 'UPSTREAM_ERROR' } });
    expect((await poll(id)).state).toBe('done');
  });

  it(`gives up after ${CAUGHT_UP_MAX_CONSECUTIVE_ERRORS} failed polls in a row, recorded as a cancel by the console`, async () => {
    const id = incrementalTask();
    await schedule(id);
    await statsFails();
    let watch = await poll(id, 0);
    for (let i = 1; i < CAUGHT_UP_MAX_CONSECUTIVE_ERRORS; i++) {
      expect(watch.state).toBe('waiting');
      watch = await poll(id);
    }
    await stack.control('DELETE', '/faults');
    expect(watch).toMatchObject({ state: 'failed', failure_code: 'UPSTREAM_ERRORS', consecutive_errors: CAUGHT_UP_MAX_CONSECUTIVE_ERRORS, next_poll_at: null });
    expect(watch.failure_message).toMatch(/UPSTREAM_ERROR/);
    expect((await auditOf(id))[0]).toMatchObject({ action: 'caught-up-cancel', user: 'console', outcome: 'failed', error_code: 'UPSTREAM_ERRORS' });
    expect(await simStatus(id)).toBe('INCRMIGEATING');
  });

  it('fails with TASK_NOT_STOPPABLE when someone else stopped the task', async () => {
    const id = incrementalTask();
    await schedule(id);
    await stack.control('POST', `/tasks/${id}/status`, { status: 'TERMINATED' });
    expect(await poll(id, 0)).toMatchObject({ state: 'failed', failure_code: 'TASK_NOT_STOPPABLE', stop: null });
  });
});
