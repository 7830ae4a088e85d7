// GET /migration-task/{id}/logs: entries derived from the task's lifecycle, growing while data moves.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import type { DcsListMigrationLogsResponse, DcsMigrationLog, DcsMigrationTaskStats } from '../dcs/types';
import { startSimulator, type RunningSimulator } from './index';
import { LOG_INTERVAL_MS } from './logs';
import { control, dcsClient, type CallOptions } from './testing';

const T0 = Date.parse('2025-01-15T08:30:00.000Z');
const DELAY = 5000;
let clock = T0;
let sim: RunningSimulator;
let dcs: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock, stopDelayMs: DELAY });
  dcs = dcsClient(sim, () => clock);
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = T0;
  await control(sim, 'POST', '/reset');
});

const logs = (id: string | null | undefined, query?: CallOptions['query']) =>
  dcs.get<DcsListMigrationLogsResponse>(`/migration-task/${id}/logs`, { query });
/** Every entry, newest first, through pages of 100. */
async function allLogs(id: string | null | undefined, level?: string): Promise<DcsMigrationLog[]> {
  const out: DcsMigrationLog[] = [];
  for (let offset = 0; ; offset += 100) {
    const res = await logs(id, { offset, limit: 100, ...(level ? { log_level: level } : {}) });
    expect(res.status).toBe(200);
    out.push(...(res.body.migration_logs ?? []));
    if (out.length >= (res.body.log_num ?? 0)) return out;
  }
}
const messages = (entries: DcsMigrationLog[]) => entries.map((e) => e.message ?? '');

describe('GET /migration-task/{id}/logs', () => {
  it('tells the lifecycle of an incremental task, newest first, in the documented shape', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const first = await logs(task.task_id);
    expect(first.status).toBe(200);
    expect(first.body.migration_logs).toHaveLength(10); // default limit
    const all = await allLogs(task.task_id);
    expect(all).toHaveLength(first.body.log_num ?? -1);
    expect(all.slice(0, 10)).toEqual(first.body.migration_logs);
    for (const e of all) {
      expect(Object.keys(e).sort()).toEqual(['created_at', 'keyword', 'log_code', 'log_level', 'message']);
      expect(e.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(e.created_at ?? '')).toBeLessThanOrEqual(clock);
      expect(e.log_level).toBe('INFO');
      expect(e.log_code).toMatch(/^MIG\.\d{4}$/);
      expect(e.keyword?.every((k) => typeof k === 'string')).toBe(true);
    }
    const times = all.map((e) => e.created_at ?? '');
    expect([...times].sort().reverse()).toEqual(times);
    const chronological = messages(all).reverse();
    expect(chronological.slice(0, 4)).toEqual([
      `Migration task ${task.task_name} created.`,
      'Migration ECS created.',
      'Connectivity between the migration ECS and the source and target checked.',
      'Full sync started.',
    ]);
    expect(all.at(-1)?.created_at).toBe(task.created_at);
    expect(all.at(-1)?.keyword).toEqual([task.task_name]);
    expect(all.at(-2)?.keyword).toEqual([task.ecs_tenant_private_ip]);
    const order = ['Full sync in progress: ', 'Full sync finished.', 'Incremental sync started.', 'Incremental sync in progress, offset '];
    const firstAt = order.map((prefix) => chronological.findIndex((m) => m.startsWith(prefix)));
    for (const i of firstAt) expect(i).toBeGreaterThan(3);
    expect([...firstAt].sort((a, b) => a - b)).toEqual(firstAt);
    expect(all[0]?.message).toMatch(/^Incremental sync in progress, offset \d+\.$/);
  });

  it('grows by one entry per interval while the task runs, never rewriting older entries', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const before = await allLogs(task.task_id);
    expect(await allLogs(task.task_id)).toEqual(before); // same clock, same logs
    clock += 5 * LOG_INTERVAL_MS;
    const after = await allLogs(task.task_id);
    expect(after).toHaveLength(before.length + 5);
    expect(after.slice(5)).toEqual(before);
    for (const e of after.slice(0, 5)) {
      expect(e.message).toMatch(/^Incremental sync in progress, offset \d+\.$/);
      expect(e.keyword).toEqual([e.message?.match(/offset (\d+)/)?.[1]]);
    }
  });

  it('shows full sync progress climbing up to what /stats reports', async () => {
    const task = await dcs.taskWith('FULLMIGRATING');
    clock += 30 * 60_000;
    const entries = (await allLogs(task.task_id)).filter((e) => e.message?.startsWith('Full sync in progress'));
    expect(entries.length).toBeGreaterThan(10);
    const percents = entries.map((e) => Number(/(\d+)%/.exec(e.message ?? '')?.[1])).reverse();
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    const stats = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${task.task_id}/stats`)).body;
    expect(percents.at(-1)).toBeLessThanOrEqual(Number(stats.full_migration_progress));
    expect(percents.at(-1)).toBeGreaterThanOrEqual(Number(stats.full_migration_progress) - 2);
  });

  it('records a stop and a sync-stop, then stops growing once TERMINATED', async () => {
    const [a, b] = (await dcs.allTasks()).filter((t) => t.status === 'INCRMIGEATING');
    await dcs.post(`/migration-task/${a?.task_id}/stop`);
    await dcs.post(`/migration-task/${b?.task_id}/sync-stop`);
    expect((await logs(a?.task_id)).body.migration_logs?.[0]?.message).toBe('Stop of the migration task requested.');
    expect((await logs(b?.task_id)).body.migration_logs?.[0]?.message).toBe('Stop of the data synchronization requested.');
    clock += DELAY;
    const stopped = await allLogs(a?.task_id);
    expect(stopped[0]).toMatchObject({ message: 'Migration task stopped.', created_at: new Date(T0 + DELAY).toISOString() });
    clock += 10 * LOG_INTERVAL_MS;
    expect(await allLogs(a?.task_id)).toEqual(stopped);
  });

  it('filters by log_level: a failed task has ERROR entries with its error message', async () => {
    for (const status of ['FAILED', 'MIGRATION_FAILED']) {
      const task = await dcs.taskWith(status);
      const errors = await logs(task.task_id, { log_level: 'ERROR' });
      expect(errors.body.log_num).toBe(2);
      expect(messages(errors.body.migration_logs ?? [])).toEqual(['Migration task failed.', task.error_message]);
      expect(errors.body.migration_logs?.every((e) => e.log_level === 'ERROR')).toBe(true);
      const info = await logs(task.task_id, { log_level: 'INFO', limit: 100 });
      expect(info.body.migration_logs?.every((e) => e.log_level === 'INFO')).toBe(true);
      expect((info.body.log_num ?? 0) + 2).toBe((await logs(task.task_id)).body.log_num);
    }
    const running = await dcs.taskWith('INCRMIGEATING');
    expect((await logs(running.task_id, { log_level: 'ERROR' })).body).toEqual({ log_num: 0, migration_logs: [] });
  });

  it('pages with offset and limit; an offset past the end gives an empty page', async () => {
    const task = await dcs.taskWith('TERMINATED');
    const all = await allLogs(task.task_id);
    const paged: DcsMigrationLog[] = [];
    for (let offset = 0; offset < all.length; offset += 3) {
      const res = await logs(task.task_id, { offset, limit: 3 });
      expect(res.body.log_num).toBe(all.length);
      paged.push(...(res.body.migration_logs ?? []));
    }
    expect(paged).toEqual(all);
    expect((await logs(task.task_id, { offset: all.length })).body).toEqual({ log_num: all.length, migration_logs: [] });
  });

  it('covers pending tasks and backup imports', async () => {
    const pending = await dcs.taskWith('RUNNING');
    const before = await allLogs(pending.task_id);
    expect(messages(before)).toEqual(['Migration ECS created.', `Migration task ${pending.task_name} created.`]);
    clock += 10 * LOG_INTERVAL_MS;
    expect(await allLogs(pending.task_id)).toEqual(before);
    const imported = await dcs.taskWith('SUCCESS', 'backupfile_import');
    const chronological = messages(await allLogs(imported.task_id)).reverse();
    expect(chronological[1]).toBe('Backup import started.');
    expect(chronological.slice(-2)).toEqual(['Backup import finished.', 'Migration task finished.']);
  });

  it.each([
    ['offset', '-1'],
    ['limit', '0'],
    ['limit', '101'],
    ['limit', 'ten'],
    ['log_level', 'DEBUG'],
    ['log_level', 'info'],
    ['log_level', ''],
  ])('rejects %s=%j with 400 DCS.4800', async (param, value) => {
    const task = await dcs.taskWith('SUCCESS');
    const res = await dcs.get<DcsErrorBody>(`/migration-task/${task.task_id}/logs`, { query: { [param]: value } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error_code: 'DCS.4800', error_msg: `Invalid ${param}.`, error_ext_msg: null });
  });

  it('accepts limit 100 and answers DCS.4133 / DCS.4070 for unknown and malformed ids', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    expect((await logs(task.task_id, { limit: 100 })).body.migration_logs?.length).toBeLessThanOrEqual(100);
    const unknown = await dcs.get<DcsErrorBody>('/migration-task/0b1c2d3e-0000-4000-8000-000000000000/logs');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error_code).toBe('DCS.4133');
    const bad = await dcs.get<DcsErrorBody>('/migration-task/abc_def/logs');
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('DCS.4070');
  });
});
