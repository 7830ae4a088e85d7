// Progress history through the console: samples from the stats the console serves and from the
// background sampler, the rate and ETA from their deltas, every "ETA unknown" reason, and the
// route's validation, auth and target handling. A real simulator; the history's clock is a test's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressHistory } from '../../api/history';
import { HISTORY_MIN_SPACING_S, HISTORY_VIEW_WINDOW_S } from '../../api/rules/history';
import { as, OPERATOR, proxyAuth, VIEWER } from '../testing/proxy-users';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

let stack: TestStack;
let clock = Date.UTC(2026, 0, 1, 12);
type Summary = { task_id: string; status: string; migration_type: string; migration_method: string };
let all: Summary[];

beforeAll(async () => {
  stack = await startTestStack({
    app: { auth: proxyAuth(), history: { now: () => clock, sampler: { intervalMs: 0 } } },
    dcs: { cacheTtlMs: 0 },
  });
});
afterAll(() => stack.close());
beforeEach(async () => {
  clock += 24 * 3600_000; // far from any earlier test's samples
  await stack.control('POST', '/reset');
  all = (await as(stack, VIEWER, 'GET', '/api/migration-tasks?limit=1000')).json().tasks;
});

const pick = (test: (t: Summary) => boolean) => {
  const task = all.find(test);
  if (!task) throw new Error('no such seeded task');
  return task.task_id;
};
/** An online full-amount migration in full sync: its key counts change only with the pinned percent. */
async function fullSyncTask(): Promise<string> {
  const id = pick((t) => t.migration_type === 'online_migration' && t.migration_method === 'full_amount_migration');
  await stack.control('POST', `/tasks/${id}/status`, { status: 'FULLMIGRATING' });
  return id;
}
/** A backup import still migrating (the `nth` of the seed's: the history remembers each test's): the cloud keeps no stats for it. */
async function migratingImport(nth: number): Promise<string> {
  const id = all.filter((t) => t.migration_type === 'backupfile_import')[nth]?.task_id;
  if (!id) throw new Error('no such seeded task');
  await stack.control('POST', `/tasks/${id}/status`, { status: 'MIGRATING' });
  return id;
}
/** The console's log lines of one event about one task. */
const logLines = (id: string, event: string) => stack.logs.filter((line) => line.includes(`"event":"${event}"`) && line.includes(id));
const pin = (id: string, body: unknown) => stack.control('POST', `/tasks/${id}/progress`, body);
const readStats = async (id: string) => expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/stats`)).statusCode).toBe(200);
const readTask = async (id: string) => expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}`)).statusCode).toBe(200);
async function history(id: string, query = ''): Promise<ProgressHistory> {
  const res = await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/history${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('samples', () => {
  it('records each stats answer, oldest first, numbers parsed and the status of the last detail read', async () => {
    const id = await fullSyncTask();
    await readTask(id);
    await pin(id, { full_migration_progress: 10 });
    await readStats(id);
    clock += 30_000;
    await pin(id, { full_migration_progress: 12 });
    await readStats(id);
    const body = await history(id);
    expect(body.samples.map((s) => s.full_migration_progress)).toEqual([10, 12]);
    expect(body.samples[0]).toMatchObject({ at: new Date(clock - 30_000).toISOString(), status: 'FULLMIGRATING', offset: 0, is_migrating: true });
    expect(body.samples[1]!.target_dbsize).toBeGreaterThan(body.samples[0]!.target_dbsize!);
    expect(body).toMatchObject({ task_id: id, target: 'test', retention_s: 3 * 3600, min_spacing_s: HISTORY_MIN_SPACING_S });
  });

  it('hears of every detail and stats answer through the task events, before and after a stop', async () => {
    // Not fullSyncTask()'s task: the history remembers the status this test leaves.
    const id = all.filter((t) => t.migration_type === 'online_migration' && t.migration_method === 'full_amount_migration')[1]?.task_id;
    if (!id) throw new Error('no such seeded task');
    await stack.control('POST', `/tasks/${id}/status`, { status: 'FULLMIGRATING' });
    await readTask(id);
    await pin(id, { full_migration_progress: 10 });
    await readStats(id);
    const stop = await as(stack, OPERATOR, 'POST', `/api/migration-tasks/${id}/stop`, { payload: {} });
    expect([stop.statusCode, stop.json().status]).toEqual([200, 'TERMINATING']);
    clock += HISTORY_MIN_SPACING_S * 1000;
    await readTask(id);
    await readStats(id);
    const body = await history(id);
    expect(body.samples.map((s) => [s.status, s.full_migration_progress])).toEqual([
      ['FULLMIGRATING', 10],
      ['TERMINATING', 10],
    ]);
  });

  it(`keeps stored samples ${HISTORY_MIN_SPACING_S} s apart: a newer reading within that replaces the latest`, async () => {
    const id = await fullSyncTask();
    for (const [dt, progress] of [[0, 10], [1000, 11], [1000, 12], [HISTORY_MIN_SPACING_S * 1000, 13]] as const) {
      clock += dt;
      await pin(id, { full_migration_progress: progress });
      await readStats(id);
    }
    expect((await history(id)).samples.map((s) => s.full_migration_progress)).toEqual([10, 12, 13]);
  });

  it('with since, answers only newer samples; the estimate still covers them all', async () => {
    const id = await fullSyncTask();
    await pin(id, { full_migration_progress: 10 });
    await readStats(id);
    const since = new Date(clock).toISOString();
    clock += 60_000;
    await pin(id, { full_migration_progress: 20 });
    await readStats(id);
    const body = await history(id, `?since=${encodeURIComponent(since)}`);
    expect(body.samples.map((s) => s.full_migration_progress)).toEqual([20]);
    expect(body.full_sync.percent_per_min).toBe(10);
  });
});

describe('full-sync rate and ETA', () => {
  it('derives %/min, keys/s and the ETA from the deltas of the window', async () => {
    const id = await fullSyncTask();
    await readTask(id);
    await pin(id, { full_migration_progress: 10 });
    await readStats(id);
    clock += 60_000;
    await pin(id, { full_migration_progress: 20 });
    await readStats(id);
    const { samples, full_sync } = await history(id);
    const keys = (samples[1]!.target_dbsize! - samples[0]!.target_dbsize!) / 60;
    expect(full_sync).toEqual({
      progress: 20,
      percent_per_min: 10,
      keys_per_s: Math.round(keys * 1000) / 1000,
      eta_seconds: 480, // 80 % left at 10 %/min
      eta_unknown_reason: null,
      measured_from: samples[0]!.at,
      measured_to: samples[1]!.at,
    });
  });

  it('not_enough_samples: one sample, or two too close together', async () => {
    const id = await fullSyncTask();
    expect((await history(id)).full_sync).toMatchObject({ progress: null, eta_seconds: null, eta_unknown_reason: 'not_enough_samples' });
    await pin(id, { full_migration_progress: 10 });
    await readStats(id);
    clock += HISTORY_MIN_SPACING_S * 1000;
    await pin(id, { full_migration_progress: 11 });
    await readStats(id);
    expect((await history(id)).full_sync).toMatchObject({ progress: 11, eta_seconds: null, eta_unknown_reason: 'not_enough_samples' });
  });

  it('no_progress: neither the percent nor the target keys moved', async () => {
    const id = await fullSyncTask();
    await pin(id, { full_migration_progress: 30 });
    await readStats(id);
    clock += 120_000;
    await readStats(id);
    expect((await history(id)).full_sync).toMatchObject({ progress: 30, percent_per_min: 0, keys_per_s: 0, eta_seconds: null, eta_unknown_reason: 'no_progress' });
  });

  it('full_sync_done: the full sync reports 100 %', async () => {
    const id = await fullSyncTask();
    await pin(id, { full_migration_progress: 100 });
    await readStats(id);
    expect((await history(id)).full_sync).toMatchObject({ progress: 100, eta_seconds: null, eta_unknown_reason: 'full_sync_done' });
  });

  it('incremental_sync: the task is in incremental sync, which never ends by itself', async () => {
    const id = pick((t) => t.status === 'INCRMIGEATING');
    await readTask(id);
    await readStats(id);
    expect((await history(id)).full_sync).toMatchObject({ progress: 100, eta_seconds: null, eta_unknown_reason: 'incremental_sync' });
  });

  it('no_stats, and GET …/stats of a backup import is 409 STATS_NOT_AVAILABLE (a read, not STOP_NOT_ALLOWED)', async () => {
    const id = await migratingImport(0);
    await readTask(id);
    const res = await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/stats`);
    expect([res.statusCode, errorOf(res).code, errorOf(res).upstream?.error_code]).toEqual([409, 'STATS_NOT_AVAILABLE', 'DCS.4957']);
    expect((await history(id)).full_sync).toMatchObject({ eta_seconds: null, eta_unknown_reason: 'no_stats' });
  });

  it('settled: the task no longer migrates', async () => {
    const id = pick((t) => t.status === 'TERMINATED' || t.status === 'SUCCESS');
    await readTask(id);
    await readStats(id);
    expect((await history(id)).full_sync).toMatchObject({ eta_seconds: null, eta_unknown_reason: 'settled' });
  });
});

describe('background sampling', () => {
  it('samples a migrating task someone looked at, without anyone polling, and stops once it has settled', async () => {
    const id = await fullSyncTask();
    await pin(id, { full_migration_progress: 10 });
    await history(id); // looked at: no sample yet
    expect((await history(id)).samples).toEqual([]);
    await stack.app.historySampler.tick();
    clock += 60_000;
    await pin(id, { full_migration_progress: 20 });
    await stack.app.historySampler.tick();
    const body = await history(id);
    expect(body.samples.map((s) => [s.status, s.full_migration_progress])).toEqual([['FULLMIGRATING', 10], ['FULLMIGRATING', 20]]);
    expect(body.full_sync.eta_seconds).toBe(480);

    await stack.control('POST', `/tasks/${id}/status`, { status: 'TERMINATED' });
    clock += 60_000;
    await stack.app.historySampler.tick(); // learns it has settled
    await stack.upstreamRequests();
    await stack.control('DELETE', '/requests');
    clock += 60_000;
    await stack.app.historySampler.tick();
    expect((await stack.upstreamRequests()).total).toBe(0);
    expect((await history(id)).full_sync.eta_unknown_reason).toBe('settled');
  });

  it(`leaves alone a task nobody looked at for ${HISTORY_VIEW_WINDOW_S / 60} minutes, and one a reader sampled just now`, async () => {
    const id = await fullSyncTask();
    await readStats(id); // looked at and sampled
    await stack.control('DELETE', '/requests');
    await stack.app.historySampler.tick(); // sampled just now: nothing to do
    expect((await stack.upstreamRequests()).total).toBe(0);
    clock += HISTORY_VIEW_WINDOW_S * 1000 + 1;
    await stack.app.historySampler.tick();
    expect((await stack.upstreamRequests()).total).toBe(0);
  });

  it('a backup import has no stats: its detail is read once, its stats never, and the history says why', async () => {
    const id = await migratingImport(1);
    await stack.control('DELETE', '/requests');
    await history(id); // not tracked yet: the one detail read that confirms it also says it has no stats
    await stack.app.historySampler.tick();
    expect((await stack.upstreamRequests()).routes).toMatchObject({ 'GET /migration-task/{id}': 1, 'GET /migration-task/{id}/stats': 0 });
    for (let i = 0; i < 3; i += 1) {
      clock += 60_000;
      await stack.app.historySampler.tick();
    }
    expect((await stack.upstreamRequests()).total).toBe(1);
    expect((await history(id)).full_sync).toMatchObject({ eta_seconds: null, eta_unknown_reason: 'no_stats' });
    expect(logLines(id, 'history.sample_failed')).toEqual([]);
  });

  it('stats the cloud refuses as not applicable are not asked for again, and that is logged once', async () => {
    const id = await fullSyncTask();
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}/stats', status: 400, error_code: 'DCS.4957', error_msg: 'not allowed' });
    await readTask(id); // the status an earlier test left in the history is read again
    await history(id);
    await stack.control('DELETE', '/requests');
    for (let i = 0; i < 4; i += 1) {
      await stack.app.historySampler.tick();
      clock += 60_000;
    }
    expect((await stack.upstreamRequests()).routes['GET /migration-task/{id}/stats']).toBe(1);
    expect(logLines(id, 'history.stats_not_available')).toHaveLength(1);
    expect(logLines(id, 'history.sample_failed')).toEqual([]);
    expect((await history(id)).full_sync.eta_unknown_reason).toBe('no_stats');
  });

  it('forgets a task the cloud no longer knows, and reads it no more', async () => {
    const id = await fullSyncTask();
    await history(id);
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}', status: 404, error_code: 'DCS.4133', error_msg: 'not found' });
    await stack.app.historySampler.tick();
    await stack.control('DELETE', '/faults');
    await stack.control('DELETE', '/requests');
    clock += 60_000;
    await stack.app.historySampler.tick();
    expect((await stack.upstreamRequests()).total).toBe(0);
    expect(logLines(id, 'history.sample_failed')).toEqual([]);
  });
});

describe('GET /api/migration-tasks/:id/history: validation, auth, target', () => {
  it.each([
    ['/api/migration-tasks/bad_id!/history', 'INVALID_TASK_ID', 400],
    ['/api/migration-tasks/abc/history?since=yesterday', 'INVALID_QUERY', 400],
    ['/api/migration-tasks/abc/history?since=2025-01-01T00:00:00', 'INVALID_QUERY', 400],
    ['/api/migration-tasks/abc/history?limit=5', 'INVALID_QUERY', 400],
    ['/api/migration-tasks/abc/history?target=Bad_Target', 'INVALID_QUERY', 400],
    ['/api/migration-tasks/abc/history?target=elsewhere', 'UNKNOWN_TARGET', 400],
  ])('GET %s → %s, nothing sent upstream', async (url, code, status) => {
    await stack.control('DELETE', '/requests');
    const res = await as(stack, VIEWER, 'GET', url);
    expect([res.statusCode, errorOf(res).code]).toEqual([status, code]);
    expect((await stack.upstreamRequests()).total).toBe(0);
  });

  it('a viewer and an operator may read it; someone signed out may not', async () => {
    const id = pick((t) => t.status === 'INCRMIGEATING');
    expect((await as(stack, OPERATOR, 'GET', `/api/migration-tasks/${id}/history?target=test`)).statusCode).toBe(200);
    expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/history`)).statusCode).toBe(200);
    const anonymous = await stack.app.inject({ url: `/api/migration-tasks/${id}/history`, remoteAddress: '127.0.0.1' });
    expect([anonymous.statusCode, errorOf(anonymous).code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
