import type { Query } from '@tanstack/react-query';
import type { MigrationTask, MigrationTaskList } from '../../../../api';
import { toSummary, buildTasks } from '../../../testing/mocks/data';
import { detailRefetchInterval, getMigrationTaskQueryOptions } from './get-migration-task';
import { getMigrationTaskStatsQueryOptions } from './get-migration-task-stats';
import { getMigrationTasksQueryOptions, listRefetchInterval } from './get-migration-tasks';

function list(...statuses: (string | null)[]): MigrationTaskList {
  const base = toSummary(buildTasks()[0]!);
  return { count: statuses.length, tasks: statuses.map((status, i) => ({ ...base, task_id: `t${i}`, status })) };
}

// The option functions receive the query; only its state matters here.
type IntervalFn<T> = (query: Query<T, Error, T, never>) => number | false;
const ref = { targetId: 'sim-region-1', taskId: 'abc' };
const queryWith = <T>(data: T | undefined) => ({ state: { data } }) as unknown as Query<T, Error, T, never>;

describe('list polling', () => {
  it('polls every 5 s while any shown task can change', () => {
    expect(listRefetchInterval(list('SUCCESS', 'INCRMIGEATING'))).toBe(5000);
    expect(listRefetchInterval(list('TERMINATED', 'TERMINATING'))).toBe(5000);
    expect(listRefetchInterval(list('SUCCESS', 'SOMETHING_NEW'))).toBe(5000);
  });

  it('slows to 30 s once every shown task is settled, or when the page is empty (tasks change outside the page)', () => {
    expect(listRefetchInterval(list('SUCCESS', 'FAILED', 'TERMINATED', 'RELEASED', 'RUNNING'))).toBe(30_000);
    expect(listRefetchInterval(list())).toBe(30_000);
    expect(listRefetchInterval(undefined)).toBe(false);
  });

  it('is what the list query uses', () => {
    const options = getMigrationTasksQueryOptions('sim-region-1', { offset: 0, limit: 10 });
    const interval = options.refetchInterval as unknown as IntervalFn<MigrationTaskList>;
    expect(interval(queryWith(list('FULLMIGRATING')))).toBe(5000);
    expect(interval(queryWith(list('SUCCESS')))).toBe(30_000);
  });
});

describe('task polling', () => {
  it('polls every 2 s while stopping, 5 s while migrating or unknown, never once settled', () => {
    expect(detailRefetchInterval('TERMINATING')).toBe(2000);
    expect(detailRefetchInterval('INCRMIGEATING')).toBe(5000);
    expect(detailRefetchInterval('MIGRATING')).toBe(5000);
    expect(detailRefetchInterval('BRAND_NEW_STATUS')).toBe(5000);
    for (const settled of ['TERMINATED', 'SUCCESS', 'FAILED', 'MIGRATION_FAILED', 'RELEASED', 'DELETED', 'RUNNING']) {
      expect(detailRefetchInterval(settled)).toBe(false);
    }
  });

  it('is what the detail query uses', () => {
    const interval = getMigrationTaskQueryOptions(ref).refetchInterval as unknown as IntervalFn<MigrationTask>;
    const task = buildTasks()[0]!;
    expect(interval(queryWith<MigrationTask>({ ...task, status: 'TERMINATING' }))).toBe(2000);
    expect(interval(queryWith<MigrationTask>({ ...task, status: 'TERMINATED' }))).toBe(false);
    expect(interval(queryWith<MigrationTask>(undefined))).toBe(false);
  });

  it('keeps polling after failed refreshes: the intervals read the last good data, not the error', () => {
    const failed = <T>(data: T) =>
      ({ state: { data, status: 'error', error: new Error('502'), fetchFailureCount: 3 } }) as unknown as Query<T, Error, T, never>;
    const listInterval = getMigrationTasksQueryOptions('sim-region-1', { offset: 0, limit: 10 })
      .refetchInterval as unknown as IntervalFn<MigrationTaskList>;
    expect(listInterval(failed(list('FULLMIGRATING')))).toBe(5000);
    const detailInterval = getMigrationTaskQueryOptions(ref).refetchInterval as unknown as IntervalFn<MigrationTask>;
    expect(detailInterval(failed<MigrationTask>({ ...buildTasks()[0]!, status: 'TERMINATING' }))).toBe(2000);
  });

  it('polls progress only while the task can change', () => {
    expect(getMigrationTaskStatsQueryOptions(ref, 'INCRMIGEATING').refetchInterval).toBe(5000);
    expect(getMigrationTaskStatsQueryOptions(ref, 'TERMINATED').refetchInterval).toBe(false);
  });
});
