import { describe, expect, it } from 'vitest';
import { canStop, isChanging, isIncrementalSync, isSettled, MIGRATION_TASK_STATUSES, statusPhase, STOPPABLE_STATUSES, stopUnavailableReason } from './status';

describe('which statuses allow Stop', () => {
  it('allows exactly the migrating statuses, in both spellings of incremental sync', () => {
    expect([...STOPPABLE_STATUSES].sort()).toEqual(['FULLMIGRATING', 'INCRMIGEATING', 'INCRMIGRATING', 'MIGRATING']);
    for (const status of MIGRATION_TASK_STATUSES) expect(canStop(status)).toBe(STOPPABLE_STATUSES.includes(status));
  });

  it.each(['SUCCESS', 'FAILED', 'MIGRATION_FAILED', 'TERMINATING', 'TERMINATED', 'RELEASED', 'DELETED', 'RUNNING'])(
    'refuses %s with a reason an operator can read',
    (status) => {
      expect(canStop(status)).toBe(false);
      expect(stopUnavailableReason(status)).toMatch(/\w+.*\./);
    },
  );

  it('never offers Stop for an unknown, empty or missing status, and names the unknown value', () => {
    for (const status of ['PAUSED', 'migrating', '', null, undefined]) expect(canStop(status)).toBe(false);
    expect(stopUnavailableReason('PAUSED')).toContain('"PAUSED"');
    expect(statusPhase('PAUSED')).toBe('unknown');
  });

  it('does not treat inherited object keys as statuses', () => {
    expect(statusPhase('constructor')).toBe('unknown');
    expect(statusPhase('toString')).toBe('unknown');
  });
});

describe('which statuses keep a view polling', () => {
  it('polls while migrating or stopping, stops once settled', () => {
    expect(isChanging('INCRMIGEATING')).toBe(true);
    expect(isChanging('TERMINATING')).toBe(true);
    for (const status of ['TERMINATED', 'SUCCESS', 'FAILED', 'MIGRATION_FAILED', 'RELEASED', 'DELETED', 'RUNNING']) {
      expect(isSettled(status)).toBe(true);
    }
  });

  it('keeps polling an unknown status, since it may be transitional', () => {
    expect(isChanging('SWITCHING_OVER')).toBe(true);
  });
});

describe('incremental sync', () => {
  it('is either spelling of it, and nothing else (the offset means lag only there)', () => {
    expect(MIGRATION_TASK_STATUSES.filter((status) => isIncrementalSync(status))).toEqual(['INCRMIGEATING', 'INCRMIGRATING']);
    expect(isIncrementalSync('incrmigeating')).toBe(false);
    expect(isIncrementalSync(null)).toBe(false);
    expect(isIncrementalSync(undefined)).toBe(false);
  });
});
