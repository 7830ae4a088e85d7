// DELETE /migration-tasks/delete (a DELETE with a signed JSON body), what a deleted task looks
// like afterwards, and the new routes' templates (paths builders, fault targeting).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import { dcsPaths } from '../dcs/paths';
import type { DcsDeleteMigrationTasksResponse, DcsListMigrationLogsResponse, DcsMigrationTask, DcsMigrationTaskStats } from '../dcs/types';
import { startSimulator, type RunningSimulator } from './index';
import { matchRoute } from './router';
import { DELETE_GRACE_MS } from './state';
import { control, dcsClient } from './testing';

const T0 = Date.parse('2025-04-10T06:00:00.000Z');
let clock = T0;
let sim: RunningSimulator;
let dcs: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock, stopDelayMs: 5000 });
  dcs = dcsClient(sim, () => clock);
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = T0;
  await control(sim, 'POST', '/reset');
});

const UNKNOWN = '0b1c2d3e-0000-4000-8000-000000000000';
const remove = (ids: unknown[]) =>
  dcs.del<DcsDeleteMigrationTasksResponse>('/migration-tasks/delete', { body: JSON.stringify({ task_id_list: ids }) });
const detail = (id: string | null | undefined) => dcs.get<DcsMigrationTask & DcsErrorBody>(`/migration-task/${id}`);

describe('DELETE /migration-tasks/delete', () => {
  it('deletes known tasks, skipping unknown, malformed and repeated ids; they leave the list at once', async () => {
    const finished = await dcs.taskWith('SUCCESS');
    const failed = await dcs.taskWith('FAILED');
    const res = await remove([finished.task_id, UNKNOWN, 'bad_id', failed.task_id, finished.task_id]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ task_id_list: [finished.task_id, failed.task_id] });
    const listed = await dcs.allTasks();
    expect(listed).toHaveLength(22);
    expect(listed.map((t) => t.task_id)).not.toContain(finished.task_id);
    expect((await dcs.get('/migration-tasks', { query: { name: finished.task_name ?? '' } })).body).toMatchObject({ count: 0 });
    expect((await remove([finished.task_id])).body).toEqual({ task_id_list: [] }); // already deleted
  });

  it('answers DELETED on detail and logs for the grace period, then DCS.4133', async () => {
    const task = await dcs.taskWith('TERMINATED');
    const before = (await detail(task.task_id)).body;
    await remove([task.task_id]);
    clock += DELETE_GRACE_MS - 1;
    const gone = await detail(task.task_id);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ task_id: task.task_id, status: 'DELETED', updated_at: before.updated_at });
    expect(before.updated_at).toEqual(expect.any(String));
    const logs = (await dcs.get<DcsListMigrationLogsResponse>(`/migration-task/${task.task_id}/logs`)).body;
    expect(logs.migration_logs?.[0]).toMatchObject({ message: 'Migration task deleted.', created_at: new Date(T0).toISOString() });
    expect(logs.migration_logs?.[1]?.message).toBe('Migration task stopped.');
    expect((await dcs.post<DcsErrorBody>(`/migration-task/${task.task_id}/stop`)).body.error_code).toBe('DCS.4957');
    clock += 1;
    for (const sub of ['', '/logs', '/stats']) {
      const res = await dcs.get<DcsErrorBody>(`/migration-task/${task.task_id}${sub}`);
      expect([res.status, res.body.error_code], sub).toEqual([400, 'DCS.4133']);
    }
    expect((await remove([task.task_id])).body).toEqual({ task_id_list: [] });
    expect((await control(sim, 'POST', '/reset')).status).toBe(200);
    expect((await detail(task.task_id)).body.status).toBe('TERMINATED'); // reset brings it back
  });

  it('halts a running task it deletes and cancels a pending stop', async () => {
    const running = await dcs.taskWith('INCRMIGEATING');
    const stopping = await dcs.taskWith('TERMINATING');
    expect((await remove([running.task_id, stopping.task_id])).body.task_id_list).toHaveLength(2);
    clock += 10_000;
    const stats = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${running.task_id}/stats`)).body;
    expect(stats).toMatchObject({ is_migrating: false, target_ops: '0' });
    expect((await detail(stopping.task_id)).body.status).toBe('DELETED');
    const logs = (await dcs.get<DcsListMigrationLogsResponse>(`/migration-task/${running.task_id}/logs`, { query: { limit: 3 } })).body;
    expect(logs.migration_logs?.[0]?.message).toBe('Migration task deleted.');
    expect(logs.migration_logs?.[1]?.message).toMatch(/^Incremental sync in progress/);
  });

  it.each([
    ['an empty body', '', 'DCS.4004'],
    ['invalid JSON', '{"task_id_list": [', 'DCS.4005'],
    ['no task_id_list', '{"migration_tasks": ["x"]}', 'DCS.4800'],
    ['an empty list', '{"task_id_list": []}', 'DCS.4800'],
    ['non-string ids', '{"task_id_list": [1]}', 'DCS.4800'],
    ['a JSON array', '["x"]', 'DCS.4800'],
  ])('refuses %s with 400 %s', async (_what, body, code) => {
    const res = await dcs.del<DcsErrorBody>('/migration-tasks/delete', { body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error_code: code, error_msg: expect.any(String), error_ext_msg: null });
    if (code === 'DCS.4800') expect(res.body.error_msg).toBe('Invalid task_id_list.');
  });

  it('verifies the signature over the body and only knows the DELETE verb', async () => {
    const task = await dcs.taskWith('SUCCESS');
    const res = await dcs.del<DcsErrorBody>('/migration-tasks/delete', {
      body: JSON.stringify({ task_id_list: [UNKNOWN] }),
      tamper: { body: JSON.stringify({ task_id_list: [task.task_id] }) },
    });
    expect([res.status, res.body.error_code]).toEqual([401, 'APIGW.0301']);
    expect((await detail(task.task_id)).body.status).toBe('SUCCESS');
    for (const method of ['POST', 'GET']) expect((await dcs.call(method, '/migration-tasks/delete')).status).toBe(404);
    expect((await dcs.del(`/migration-task/${task.task_id}`)).status).toBe(404);
  });
});

describe('new routes', () => {
  it('the dcsPaths builders lead to the expected route templates', () => {
    const p = sim.projectId;
    const id = '3f6b2c1e-8d4a-4e57-9b1c-2a7d9e0f4c55';
    expect(matchRoute('GET', dcsPaths.migrationTaskLogs(p, id))).toMatchObject({ template: 'GET /migration-task/{id}/logs', taskId: id, projectId: p });
    expect(matchRoute('POST', dcsPaths.syncStopMigrationTask(p, id))).toMatchObject({ template: 'POST /migration-task/{id}/sync-stop', taskId: id });
    expect(matchRoute('DELETE', dcsPaths.deleteMigrationTasks(p))).toMatchObject({ template: 'DELETE /migration-tasks/delete' });
    expect(matchRoute('GET', `${dcsPaths.showMigrationTask(p, id)}/constructor`)).toBeNull();
  });

  it('faults can target logs, sync-stop and delete', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const routes = ['GET /migration-task/{id}/logs', 'POST /migration-task/{id}/sync-stop', 'DELETE /migration-tasks/delete'];
    for (const route of routes) expect((await control(sim, 'POST', '/faults', { route, status: 500, times: 1 })).status).toBe(201);
    const calls = [
      () => dcs.get(`/migration-task/${task.task_id}/logs`),
      () => dcs.post(`/migration-task/${task.task_id}/sync-stop`),
      () => remove([task.task_id]),
    ];
    for (const call of calls) expect((await call()).body).toMatchObject({ error_code: 'DCS.5000' });
    expect((await detail(task.task_id)).body.status).toBe('INCRMIGEATING');
    expect((await calls[0]!()).status).toBe(200);
    expect((await calls[1]!()).status).toBe(204);
    expect((await calls[2]!()).body).toEqual({ task_id_list: [task.task_id] });
  });
});
