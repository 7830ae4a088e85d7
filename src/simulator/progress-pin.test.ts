// POST /__simulator/tasks/{id}/progress: an incremental migration catches up on demand, and the
// full sync reports the percent a test sets, within the phases README §3.6 describes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DcsMigrationTaskStats } from '../dcs/types';
import { startSimulator, type RunningSimulator } from './index';
import { control, dcsClient } from './testing';

let sim: RunningSimulator;
let clock = Date.UTC(2026, 0, 1, 12);
let dcs: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock });
  dcs = dcsClient(sim, () => clock);
});
afterAll(() => sim.close());
beforeEach(async () => {
  await control(sim, 'POST', '/reset');
});

const stats = async (taskId: string | null | undefined) => (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${taskId}/stats`)).body;

describe('pinning progress', () => {
  it('holds an incremental task at offset 0 (caught up), target keys equal to source', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const pinned = await control(sim, 'POST', `/tasks/${task.task_id}/progress`, { offset: 0 });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ task_id: task.task_id, pins: { offset: 0, full_migration_progress: null } });
    for (let i = 0; i < 3; i++) {
      clock += 1000;
      const s = await stats(task.task_id);
      expect(s.offset).toBe('0');
      expect(s.target_dbsize).toBe(s.source_dbsize);
      expect(s.is_migrating).toBe(true);
    }
  });

  it('drains a pinned offset linearly to 0 over drain_ms', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    await control(sim, 'POST', `/tasks/${task.task_id}/progress`, { offset: 1000, drain_ms: 10_000 });
    expect((await stats(task.task_id)).offset).toBe('1000');
    clock += 5000;
    expect((await stats(task.task_id)).offset).toBe('500');
    clock += 5000;
    expect((await stats(task.task_id)).offset).toBe('0');
    clock += 60_000;
    expect((await stats(task.task_id)).offset).toBe('0');
  });

  it('clears a pin with null: the offset jitters again', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    await control(sim, 'POST', `/tasks/${task.task_id}/progress`, { offset: 123456 });
    expect((await stats(task.task_id)).offset).toBe('123456');
    await control(sim, 'POST', `/tasks/${task.task_id}/progress`, { offset: null });
    expect(Number((await stats(task.task_id)).offset)).toBeLessThan(150);
  });

  it('reports a pinned full-sync percent only during the full sync, with the offset still 0 there', async () => {
    const task = await dcs.taskWith('FULLMIGRATING', 'online_migration');
    await control(sim, 'POST', `/tasks/${task.task_id}/progress`, { full_migration_progress: 40, offset: 77 });
    const during = await stats(task.task_id);
    expect(during).toMatchObject({ full_migration_progress: '40', offset: '0' });
    expect(Number(during.target_dbsize)).toBe(Math.floor((Number(during.source_dbsize) * 40) / 100));
    // Full sync done: the offset pin applies, the percent pin no longer does.
    await control(sim, 'POST', `/tasks/${task.task_id}/status`, { status: 'INCRMIGEATING' });
    expect(await stats(task.task_id)).toMatchObject({ full_migration_progress: '100', offset: '77' });
  });

  it('a stopped task reports offset 0 and no traffic whatever is pinned', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    await control(sim, 'POST', `/tasks/${task.task_id}/progress`, { offset: 500 });
    await dcs.post(`/migration-task/${task.task_id}/stop`);
    expect(await stats(task.task_id)).toMatchObject({ offset: '0', target_ops: '0', is_migrating: false });
  });

  it.each([
    [{}],
    [{ offset: -1 }],
    [{ offset: 1.5 }],
    [{ offset: '0' }],
    [{ drain_ms: 1000 }],
    [{ offset: null, drain_ms: 1000 }],
    [{ full_migration_progress: 101 }],
    [{ offset: 0, extra: 1 }],
    [[0]],
  ])('refuses %j with 400 invalid_progress', async (body) => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const res = await control<{ error: { code: string } }>(sim, 'POST', `/tasks/${task.task_id}/progress`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_progress');
  });

  it('answers 404 for an unknown task and forgets pins on reset', async () => {
    expect((await control(sim, 'POST', '/tasks/no-such-task/progress', { offset: 0 })).status).toBe(404);
    const task = await dcs.taskWith('INCRMIGEATING');
    await control(sim, 'POST', `/tasks/${task.task_id}/progress`, { offset: 999_999 });
    await control(sim, 'POST', '/reset');
    expect(Number((await stats(task.task_id)).offset)).toBeLessThan(150);
  });
});
