// Seed data: determinism, coverage of statuses and shapes, and scale.
import { afterAll, describe, expect, it } from 'vitest';
import { canStop } from '../dcs/status';
import { startSimulator, type RunningSimulator } from './index';
import { seedTasks } from './seed';
import { TaskStore } from './state';
import { dcsClient } from './testing';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const ALL = ['MIGRATING', 'FULLMIGRATING', 'INCRMIGEATING', 'TERMINATING', 'TERMINATED', 'SUCCESS', 'FAILED', 'MIGRATION_FAILED', 'RUNNING', 'RELEASED', 'DELETED'];

describe('seedTasks', () => {
  it('is deterministic for the same seed and differs for another', () => {
    const a = seedTasks({ count: 50, seed: 7, nowMs: NOW });
    const b = seedTasks({ count: 50, seed: 7, nowMs: NOW });
    const c = seedTasks({ count: 50, seed: 8, nowMs: NOW });
    expect(b).toEqual(a);
    expect(c.map((t) => t.task_id)).not.toEqual(a.map((t) => t.task_id));
  });

  it('covers every status from 12 tasks on, with enough stoppable incremental tasks', () => {
    for (const seed of [1, 42, 999]) {
      const twelve = seedTasks({ count: 12, seed, nowMs: NOW });
      expect(new Set(twelve.map((t) => t.status))).toEqual(new Set(ALL));
      const stoppableIncremental = twelve.filter((t) => canStop(t.status) && t.migration_method === 'incremental_migration');
      expect(stoppableIncremental.length).toBeGreaterThanOrEqual(3);
      const thirteen = seedTasks({ count: 13, seed, nowMs: NOW });
      expect(thirteen.filter((t) => t.status === 'INCRMIGEATING').length).toBeGreaterThanOrEqual(3);
    }
    expect(seedTasks({ count: 0, seed: 1, nowMs: NOW })).toEqual([]);
  });

  it('makes consistent tasks: times in the past, shapes matching the type', () => {
    const tasks = seedTasks({ count: 300, seed: 3, nowMs: NOW });
    for (const t of tasks) {
      expect(t.sim.createdMs).toBeLessThan(NOW);
      expect(t.created_at).toBe(new Date(t.sim.createdMs).toISOString());
      if (t.updated_at) expect(Date.parse(t.updated_at)).toBeLessThanOrEqual(NOW);
      if (t.migration_type === 'backupfile_import') {
        expect(t.backup_files).not.toBeNull();
        expect(t.source).toBeNull();
        expect(t.migration_method).toBe('full_amount_migration');
      } else {
        expect(t.backup_files).toBeNull();
        if (t.status !== 'RUNNING') expect(t.source?.password).toBeTruthy();
      }
      if (t.status === 'RELEASED') expect(t.released_at).toMatch(/^\d{12}$/);
    }
    expect(new Set(tasks.map((t) => t.task_name)).size).toBe(tasks.length);
    expect(tasks.some((t) => t.source && t.source.id === null)).toBe(true);
  });

  it('handles 10,000 tasks quickly with unique ids and fast filtered listing', () => {
    const started = performance.now();
    const store = new TaskStore({ tasks: 10_000, seed: 5, stopDelayMs: 1000, now: () => NOW });
    expect(store.size).toBe(10_000);
    const page = store.list({ offset: 9_990, limit: 1000 });
    expect(page).toMatchObject({ count: 10_000 });
    expect(page.tasks).toHaveLength(10);
    const filtered = store.list({ offset: 0, limit: 10, name: 'prod' });
    expect(filtered.count).toBeGreaterThan(0);
    expect(filtered.count).toBeLessThan(10_000);
    expect(performance.now() - started).toBeLessThan(3000);
    const ids = seedTasks({ count: 10_000, seed: 5, nowMs: NOW }).map((t) => t.task_id);
    expect(new Set(ids).size).toBe(10_000);
  });
});

describe('determinism over HTTP', () => {
  const sims: RunningSimulator[] = [];
  afterAll(() => Promise.all(sims.map((s) => s.close())));

  it('two simulators with the same seed and clock serve identical lists; another seed does not', async () => {
    const start = async (seed: number) => {
      const sim = await startSimulator({ port: 0, seed, now: () => NOW });
      sims.push(sim);
      return dcsClient(sim, () => NOW).allTasks();
    };
    const [a, b, c] = await Promise.all([start(42), start(42), start(43)]);
    expect(a).toHaveLength(24);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
