// The record of task statuses (the list's "last changed"): its contract on SQLite and a real
// PostgreSQL server, and a console that restarts on it against real simulators over HTTP: since-times
// kept, a change made while it was down told once and timed at the first read after, the list's
// column and its `changed` order following the record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OVERVIEW_SCAN_INTERVAL_S } from '../../api/rules/overview';
import type { MigrationTaskList } from '../../api/migration-tasks';
import { usePostgres } from '../testing/postgres';
import { as, VIEWER } from '../testing/proxy-users';
import type { ObservedTask, StatusChange } from './observed';
import { openPostgresStatusRecord, openSqliteStatusRecord, type StatusRecordStore } from './status-record';
import { useTwoRegions, type TwoRegions } from './testing/two-regions';

const postgres = usePostgres();
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const INTERVAL_MS = OVERVIEW_SCAN_INTERVAL_S * 1000;
const stores: StatusRecordStore[] = [];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'status-record-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});
const keep = (store: StatusRecordStore) => (stores.push(store), store);

const DIALECTS = {
  sqlite: () => () => keep(openSqliteStatusRecord(dir)),
  postgres: () => {
    const url = postgres.freshDatabase();
    return () => keep(openPostgresStatusRecord(url));
  },
};
const task = (taskId: string, status: string | null, statusSinceMs: number, changeSeen = true): ObservedTask => ({ taskId, taskName: null, status, statusSinceMs, changeSeen });

describe.each(Object.keys(DIALECTS) as (keyof typeof DIALECTS)[])('the status record on %s', (dialect) => {
  it('keeps each task by target; a task saved again in the same status keeps its since; another status replaces it; dropped tasks go', async () => {
    const open = DIALECTS[dialect]();
    const record = open();
    await record.save('east', [task('a', 'MIGRATING', T0, false), task('b', null, T0)]);
    await record.save('west', [task('a', 'FAILED', T0 + 1)]);
    await record.save('east', [task('a', 'MIGRATING', T0 + 30_000), task('b', 'FAILED', T0 + 30_000)]);
    expect(await record.load('east')).toEqual(
      new Map([
        ['a', { status: 'MIGRATING', statusSinceMs: T0, changeSeen: false }],
        ['b', { status: 'FAILED', statusSinceMs: T0 + 30_000, changeSeen: true }],
      ]),
    );
    await record.drop('east', ['b', 'never-there']);
    expect([...(await record.load('east')).keys()]).toEqual(['a']);
    expect(await record.load('west')).toEqual(new Map([['a', { status: 'FAILED', statusSinceMs: T0 + 1, changeSeen: true }]]));
  });

  it('of two instances that see one change, the first to write it sets since; 1,200 tasks save in chunks', async () => {
    const open = DIALECTS[dialect]();
    const one = open();
    await one.ready(); // one SQLite file is one console's: the second opens it once it is made
    const other = open();
    await one.save('east', [task('a', 'MIGRATING', T0)]);
    await one.save('east', [task('a', 'FAILED', T0 + 30_000)]);
    await other.save('east', [task('a', 'FAILED', T0 + 31_000)]);
    expect((await other.load('east')).get('a')).toEqual({ status: 'FAILED', statusSinceMs: T0 + 30_000, changeSeen: true });

    const many = Array.from({ length: 1200 }, (_, i) => task(`t${i}`, 'SUCCESS', T0));
    await one.save('west', many);
    expect((await other.load('west')).size).toBe(1200);
    await other.drop('west', many.map((t) => t.taskId));
    expect((await one.load('west')).size).toBe(0);
  });
});

describe('a console on the record', () => {
  const currentRegions = useTwoRegions();
  let regions: TwoRegions;
  beforeEach(() => {
    regions = currentRegions();
  });

  const list = async (stack: Awaited<ReturnType<TwoRegions['console']>>, query: string) => {
    const res = await as(stack, VIEWER, 'GET', `/api/migration-tasks?target=west&${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<MigrationTaskList>();
  };

  it('after a restart: since-times kept, a change made while it was down told once, the list shows and sorts by the change', async () => {
    const file = mkdtempSync(join(tmpdir(), 'status-restart-'));
    try {
      const first = await regions.console({ overview: { intervalMs: 0, record: openSqliteStatusRecord(file) } });
      const startedAt = regions.clock.now();
      await first.app.taskObserver.tick();
      const [moving, other] = first.app.taskObserver.tasks('west').filter((t) => t.status === 'INCRMIGEATING' || t.status === 'FULLMIGRATING' || t.status === 'MIGRATING');
      // Read once, never seen changing: its time is the first read, marked as such.
      const before = (await list(first, 'limit=100')).tasks.find((t) => t.task_id === moving!.taskId)!;
      expect(before).toMatchObject({ console_status_since: new Date(startedAt).toISOString(), console_status_change_seen: false });

      // Seen changing while running.
      await regions.control(regions.west, 'POST', `/tasks/${other!.taskId}/status`, { status: 'FAILED' });
      regions.clock.advance(INTERVAL_MS);
      await first.app.taskObserver.tick();
      const seenAt = regions.clock.now();
      await regions.closeConsoles();

      // Down for an hour; meanwhile the other task fails.
      await regions.control(regions.west, 'POST', `/tasks/${moving!.taskId}/status`, { status: 'MIGRATION_FAILED' });
      regions.clock.advance(3_600_000);
      const second = await regions.console({ overview: { intervalMs: 0, record: openSqliteStatusRecord(file) } });
      const changes: StatusChange[] = [];
      second.app.taskObserver.onStatusChange((change) => changes.push(change));
      await second.app.taskObserver.tick();
      const backAt = regions.clock.now();
      expect(changes).toEqual([{ target: 'west', taskId: moving!.taskId, taskName: moving!.taskName, from: moving!.status, to: 'MIGRATION_FAILED', atMs: backAt }]);

      const sorted = (await list(second, 'sort=changed&limit=100')).tasks;
      expect(sorted.slice(0, 2).map((t) => [t.task_id, t.console_status_since, t.console_status_change_seen])).toEqual([
        [moving!.taskId, new Date(backAt).toISOString(), true],
        [other!.taskId, new Date(seenAt).toISOString(), true],
      ]);
      // Every other task keeps the time it was first read, before the restart.
      expect(sorted.slice(2).every((t) => t.console_status_since === new Date(startedAt).toISOString() && t.console_status_change_seen === false)).toBe(true);
      regions.clock.advance(INTERVAL_MS);
      await second.app.taskObserver.tick();
      expect(changes).toHaveLength(1);
    } finally {
      rmSync(file, { recursive: true, force: true });
    }
  });

  it('a status the record has not read yet has no time, and sorts last', async () => {
    const stack = await regions.console();
    await stack.app.taskObserver.tick();
    const target = (await list(stack, 'limit=100')).tasks.find((t) => t.status === 'INCRMIGEATING')!;
    await regions.control(regions.west, 'POST', `/tasks/${target.task_id}/status`, { status: 'FAILED' });
    const sorted = (await list(stack, 'sort=changed&limit=100')).tasks;
    expect(sorted.at(-1)).toMatchObject({ task_id: target.task_id, status: 'FAILED', console_status_since: null, console_status_change_seen: false });
  });
});
