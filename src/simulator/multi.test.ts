// Two simulators in one process (the console embeds one per simulated region) share nothing:
// tasks, state changes, deletions, counters and faults stay with the instance that owns them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import type { DcsMigrationTask } from '../dcs/types';
import { startSimulator, type RunningSimulator } from './index';
import { control, dcsClient } from './testing';

const T0 = Date.parse('2025-05-20T09:00:00.000Z');
const PROJECT_B = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
let clock = T0;
let a: RunningSimulator;
let b: RunningSimulator;
let twin: RunningSimulator; // same seed and project as `a`
let dcsA: ReturnType<typeof dcsClient>;
let dcsB: ReturnType<typeof dcsClient>;
let dcsTwin: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  [a, b, twin] = await Promise.all([
    startSimulator({ port: 0, now: () => clock, stopDelayMs: 1000 }),
    // A longer stop delay, so their own seeded TERMINATING tasks stay put while the test runs.
    startSimulator({ port: 0, now: () => clock, stopDelayMs: 60_000, seed: 7, projectId: PROJECT_B, tasks: 12 }),
    startSimulator({ port: 0, now: () => clock, stopDelayMs: 60_000 }),
  ]);
  [dcsA, dcsB, dcsTwin] = [dcsClient(a, () => clock), dcsClient(b, () => clock), dcsClient(twin, () => clock)];
});
afterAll(() => Promise.all([a, b, twin].map((s) => s?.close())));

const statuses = async (dcs: ReturnType<typeof dcsClient>) => (await dcs.allTasks()).map((t) => `${t.task_id}:${t.status}`);

describe('two simulators in one process', () => {
  it('serve different tasks for a different seed and project, each on its own project only', async () => {
    const [tasksA, tasksB] = await Promise.all([dcsA.allTasks(), dcsB.allTasks()]);
    expect(tasksA).toHaveLength(24);
    expect(tasksB).toHaveLength(12);
    const idsA = new Set(tasksA.map((t) => t.task_id));
    expect(tasksB.filter((t) => idsA.has(t.task_id))).toEqual([]);
    expect(b.projectId).toBe(PROJECT_B);
    expect(a.url).not.toBe(b.url);
    const wrongProject = await dcsA.get<DcsErrorBody>('/migration-tasks', { projectId: PROJECT_B });
    expect([wrongProject.status, wrongProject.body.error_code]).toEqual([401, 'DCS.1004']);
    const foreign = await dcsB.get<DcsErrorBody>(`/migration-task/${tasksA[0]?.task_id}`);
    expect(foreign.body.error_code).toBe('DCS.4133');
  });

  it('a stop, a sync-stop and a delete on one leave the others untouched, even with identical seeds', async () => {
    const before = { b: await statuses(dcsB), twin: await statuses(dcsTwin) };
    const [first, second, third] = (await dcsA.allTasks()).filter((t) => t.status === 'INCRMIGEATING');
    expect((await dcsA.post<DcsMigrationTask>(`/migration-task/${first?.task_id}/stop`)).body.status).toBe('TERMINATING');
    expect((await dcsA.post(`/migration-task/${second?.task_id}/sync-stop`)).status).toBe(204);
    expect((await dcsA.del('/migration-tasks/delete', { body: JSON.stringify({ task_id_list: [third?.task_id] }) })).status).toBe(200);
    clock += 1000;
    expect((await dcsA.get<DcsMigrationTask>(`/migration-task/${first?.task_id}`)).body.status).toBe('TERMINATED');
    expect(await statuses(dcsB)).toEqual(before.b);
    expect(await statuses(dcsTwin)).toEqual(before.twin);
    expect((await dcsTwin.get<DcsMigrationTask>(`/migration-task/${first?.task_id}`)).body.status).toBe('INCRMIGEATING');
    expect((await dcsTwin.get<DcsMigrationTask>(`/migration-task/${third?.task_id}`)).body.status).toBe('INCRMIGEATING');
    expect(await dcsTwin.allTasks()).toHaveLength(24);
    expect(await dcsA.allTasks()).toHaveLength(23);
  });

  it('keeps request counters and faults per instance', async () => {
    await Promise.all([a, b].map((s) => control(s, 'POST', '/reset')));
    await control(a, 'POST', '/faults', { route: 'GET /migration-tasks', status: 503 });
    expect((await dcsA.get('/migration-tasks')).status).toBe(503);
    expect((await dcsB.get('/migration-tasks')).status).toBe(200);
    expect((await control(b, 'GET', '/faults')).body).toEqual({ faults: [], hung_requests: 0 });
    const counts = await Promise.all([a, b].map(async (s) => (await control<{ total: number }>(s, 'GET', '/requests')).body.total));
    expect(counts).toEqual([1, 1]);
    expect((await control(a, 'GET', '/info')).body).toMatchObject({ project_id: a.projectId, seed: 42, tasks: 24 });
    expect((await control(b, 'GET', '/info')).body).toMatchObject({ project_id: PROJECT_B, seed: 7, tasks: 12 });
  });
});
