// Stop and batch stop: the state machine seen through the DCS API, with an injected clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import type { DcsBatchStopResponse, DcsMigrationTask } from '../dcs/types';
import { startSimulator, type RunningSimulator } from './index';
import { control, dcsClient } from './testing';

const T0 = Date.parse('2025-03-02T10:00:00.000Z');
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

const detail = async (id: string) => (await dcs.get<DcsMigrationTask>(`/migration-task/${id}`)).body;

describe('POST /migration-task/{id}/stop', () => {
  it('turns a stoppable task TERMINATING at once and TERMINATED after the stop delay', async () => {
    const id = (await dcs.taskWith('INCRMIGEATING')).task_id ?? '';
    clock += 1234;
    const res = await dcs.post<DcsMigrationTask>(`/migration-task/${id}/stop`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('TERMINATING');
    expect(res.body.updated_at).toBe(new Date(T0 + 1234).toISOString());
    expect(res.body.source_instance?.password).toMatch(/^Src-/);
    expect(res.body.target_instance?.password).toMatch(/^Tgt-/);
    expect(res.body.task_id).toBe(id);

    clock += DELAY - 1;
    expect((await detail(id)).status).toBe('TERMINATING');
    const listed = (await dcs.allTasks()).find((t) => t.task_id === id);
    expect(listed?.status).toBe('TERMINATING');

    const again = await dcs.post<DcsMigrationTask>(`/migration-task/${id}/stop`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body); // unchanged while TERMINATING

    clock += 1;
    const done = await detail(id);
    expect(done.status).toBe('TERMINATED');
    expect(done.updated_at).toBe(new Date(T0 + 1234 + DELAY).toISOString());

    const late = await dcs.post<DcsErrorBody>(`/migration-task/${id}/stop`);
    expect(late.status).toBe(400);
    expect(late.body).toEqual({
      error_code: 'DCS.4957',
      error_msg: 'The operation is not allowed in the current state of the task.',
      error_ext_msg: null,
    });
  });

  it('stops FULLMIGRATING and MIGRATING tasks too (canStop is the only rule)', async () => {
    for (const status of ['FULLMIGRATING', 'MIGRATING']) {
      const task = await dcs.taskWith(status);
      const res = await dcs.post<DcsMigrationTask>(`/migration-task/${task.task_id}/stop`);
      expect(res.status, status).toBe(200);
      expect(res.body.status).toBe('TERMINATING');
    }
  });

  it.each(['SUCCESS', 'FAILED', 'MIGRATION_FAILED', 'TERMINATED', 'RUNNING', 'RELEASED', 'DELETED'])(
    'refuses to stop a %s task with 400 DCS.4957 and leaves it alone',
    async (status) => {
      const task = await dcs.taskWith(status);
      const res = await dcs.post<DcsErrorBody>(`/migration-task/${task.task_id}/stop`);
      expect(res.status).toBe(400);
      expect(res.body.error_code).toBe('DCS.4957');
      expect((await detail(task.task_id ?? '')).status).toBe(status);
    },
  );

  it('lets seeded TERMINATING tasks finish after the stop delay', async () => {
    const task = await dcs.taskWith('TERMINATING');
    clock += DELAY;
    const after = await detail(task.task_id ?? '');
    expect(after.status).toBe('TERMINATED');
    expect(after.updated_at).toBe(new Date(T0 + DELAY).toISOString());
  });
});

describe('POST /migration-task/batch-stop', () => {
  it('answers per task, in order, and stops the ones that can be stopped', async () => {
    const running = await dcs.taskWith('INCRMIGEATING');
    const finished = await dcs.taskWith('SUCCESS');
    const stopping = await dcs.taskWith('TERMINATING');
    const unknown = '0b1c2d3e-0000-4000-8000-000000000000';
    const ids = [running.task_id, finished.task_id, unknown, 'bad_id', stopping.task_id];
    const res = await dcs.post<DcsBatchStopResponse>('/migration-task/batch-stop', { body: JSON.stringify({ migration_tasks: ids }) });
    expect(res.status).toBe(200);
    expect(res.body.migration_tasks).toEqual([
      { result: 'success', task_id: running.task_id },
      { result: 'failed', task_id: finished.task_id, error_code: 'DCS.4957', error_msg: expect.any(String) },
      { result: 'failed', task_id: unknown, error_code: 'DCS.4133', error_msg: 'The migration task does not exist.' },
      { result: 'failed', task_id: 'bad_id', error_code: 'DCS.4070', error_msg: expect.any(String) },
      { result: 'success', task_id: stopping.task_id },
    ]);
    expect((await detail(running.task_id ?? '')).status).toBe('TERMINATING');
    expect((await detail(finished.task_id ?? '')).status).toBe('SUCCESS');
  });

  it.each([
    ['an empty body', '', 'DCS.4004'],
    ['invalid JSON', '{"migration_tasks": [', 'DCS.4005'],
    ['no migration_tasks', '{}', 'DCS.4800'],
    ['an empty list', '{"migration_tasks": []}', 'DCS.4800'],
    ['non-string ids', '{"migration_tasks": [1]}', 'DCS.4800'],
    ['a JSON null', 'null', 'DCS.4800'],
  ])('refuses %s with 400 %s', async (_what, body, code) => {
    const res = await dcs.post<DcsErrorBody>('/migration-task/batch-stop', { body });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe(code);
    expect(res.body.error_ext_msg).toBeNull();
  });
});

describe('POST /migration-task/{id}/sync-stop', () => {
  it('answers 204 with an empty body and stops like stop: TERMINATING, then TERMINATED', async () => {
    const id = (await dcs.taskWith('INCRMIGEATING')).task_id ?? '';
    const res = await dcs.post(`/migration-task/${id}/sync-stop`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull(); // no bytes at all
    expect(res.headers.get('content-type')).toBeNull();
    expect((await detail(id)).status).toBe('TERMINATING');
    expect((await dcs.post(`/migration-task/${id}/sync-stop`)).status).toBe(204); // unchanged while TERMINATING
    clock += DELAY;
    expect((await detail(id)).status).toBe('TERMINATED');
    expect((await dcs.post<DcsErrorBody>(`/migration-task/${id}/sync-stop`)).body.error_code).toBe('DCS.4957');
  });

  it('refuses what stop refuses, with the same errors', async () => {
    for (const status of ['SUCCESS', 'RUNNING', 'TERMINATED']) {
      const task = await dcs.taskWith(status);
      const res = await dcs.post<DcsErrorBody>(`/migration-task/${task.task_id}/sync-stop`);
      expect(res.status, status).toBe(400);
      expect(res.body).toEqual({ error_code: 'DCS.4957', error_msg: expect.any(String), error_ext_msg: null });
      expect((await detail(task.task_id ?? '')).status).toBe(status);
    }
    const unknown = await dcs.post<DcsErrorBody>('/migration-task/0b1c2d3e-0000-4000-8000-000000000000/sync-stop');
    expect([unknown.status, unknown.body.error_code]).toEqual([400, 'DCS.4133']);
    const bad = await dcs.post<DcsErrorBody>('/migration-task/abc_def/sync-stop');
    expect([bad.status, bad.body.error_code]).toEqual([400, 'DCS.4070']);
    expect((await dcs.get(`/migration-task/${(await dcs.taskWith('INCRMIGEATING')).task_id}/sync-stop`)).status).toBe(404);
  });
});
