// The attention rules with plain data (src/api/rules/overview.ts): failed within the window, stopping
// for too long, lag strictly rising in incremental sync, watches waiting; kinds in order, oldest first.
import { describe, expect, it } from 'vitest';
import { OVERVIEW_FAILED_WINDOW_H, OVERVIEW_LAG_RISING_SAMPLES, OVERVIEW_STOPPING_LONG_MIN } from '../../api/rules/overview';
import { attentionItems, risingLag, type AttentionInput, type LagSample, type WatchSummary } from './attention';
import type { ObservedTask } from './observed';

const NOW = Date.UTC(2026, 0, 2, 12);
const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const task = (taskId: string, status: string | null, sinceAgoMs: number, taskName: string | null = `name-${taskId}`): ObservedTask => ({ taskId, taskName, status, statusSinceMs: NOW - sinceAgoMs, changeSeen: true });
const sample = (agoMs: number, offset: number | null, status: string | null = 'INCRMIGEATING'): LagSample => ({ at: iso(NOW - agoMs), status, offset });
const watch = (task_id: string, createdAgoMs: number, state = 'waiting'): WatchSummary => ({ task_id, state, created_at: iso(NOW - createdAgoMs), last_poll: null });
const input = (over: Partial<AttentionInput>): AttentionInput => ({ tasks: [], nowMs: NOW, samples: new Map(), watches: [], ...over });

describe('attention', () => {
  it('failed: FAILED and MIGRATION_FAILED first read within the window, up to its very edge', () => {
    const window = OVERVIEW_FAILED_WINDOW_H * HOUR;
    const items = attentionItems(input({ tasks: [task('recent', 'FAILED', HOUR), task('edge', 'MIGRATION_FAILED', window), task('old', 'FAILED', window + 1), task('ok', 'SUCCESS', 0)] }));
    expect(items).toEqual([
      { kind: 'failed', task_id: 'edge', task_name: 'name-edge', status: 'MIGRATION_FAILED', since: iso(NOW - window) },
      { kind: 'failed', task_id: 'recent', task_name: 'name-recent', status: 'FAILED', since: iso(NOW - HOUR) },
    ]);
  });

  it('stopping_long: TERMINATING for longer than the limit, not at it', () => {
    const limit = OVERVIEW_STOPPING_LONG_MIN * MIN;
    const items = attentionItems(input({ tasks: [task('at', 'TERMINATING', limit), task('past', 'TERMINATING', limit + 1), task('done', 'TERMINATED', 10 * limit)] }));
    expect(items.map((i) => [i.kind, i.task_id, i.since])).toEqual([['stopping_long', 'past', iso(NOW - limit - 1)]]);
  });

  it('lag_rising: strictly rising over the latest samples, only in incremental sync (either spelling)', () => {
    const rising = [sample(40_000, 900), sample(30_000, 100), sample(20_000, 200), sample(10_000, 300)];
    const samples = new Map<string, LagSample[]>([
      ['up', rising],
      ['doc-spelling', rising.map((s) => ({ ...s, status: 'INCRMIGRATING' }))],
      ['flat', [sample(30_000, 100), sample(20_000, 200), sample(10_000, 200)]],
      ['full-sync', rising],
      ['short', rising.slice(-(OVERVIEW_LAG_RISING_SAMPLES - 1))],
      ['hole', [sample(30_000, 100), sample(20_000, null), sample(10_000, 300)]],
    ]);
    const tasks = [task('up', 'INCRMIGEATING', HOUR), task('doc-spelling', 'INCRMIGRATING', HOUR), task('flat', 'INCRMIGEATING', HOUR), task('full-sync', 'FULLMIGRATING', HOUR), task('short', 'INCRMIGEATING', HOUR), task('hole', 'INCRMIGEATING', HOUR), task('untracked', 'INCRMIGEATING', HOUR)];
    const items = attentionItems(input({ tasks, samples }));
    expect(items).toEqual([
      { kind: 'lag_rising', task_id: 'doc-spelling', task_name: 'name-doc-spelling', status: 'INCRMIGRATING', since: iso(NOW - 10_000), offsets: [100, 200, 300] },
      { kind: 'lag_rising', task_id: 'up', task_name: 'name-up', status: 'INCRMIGEATING', since: iso(NOW - 10_000), offsets: [100, 200, 300] },
    ]);
  });

  it('a rise across the switch from full to incremental sync is not lag; a sample without a status still counts', () => {
    expect(risingLag([sample(30_000, 0, 'FULLMIGRATING'), sample(20_000, 200), sample(10_000, 300)])).toBeNull();
    expect(risingLag([sample(30_000, 100, null), sample(20_000, 200), sample(10_000, 300)])?.map((s) => s.offset)).toEqual([100, 200, 300]);
  });

  it('watch_waiting: waiting watches only, since when armed; a watched task not in the list is still shown', () => {
    const items = attentionItems(
      input({
        tasks: [task('w1', 'INCRMIGEATING', HOUR)],
        watches: [watch('w1', 5 * MIN), watch('stopping', HOUR, 'stopping'), { ...watch('unlisted', 10 * MIN), last_poll: { at: iso(NOW), status: 'INCRMIGEATING', offset: 3, caught_up: false, error_code: null, error_message: null } }],
      }),
    );
    expect(items).toEqual([
      { kind: 'watch_waiting', task_id: 'unlisted', task_name: null, status: 'INCRMIGEATING', since: iso(NOW - 10 * MIN) },
      { kind: 'watch_waiting', task_id: 'w1', task_name: 'name-w1', status: 'INCRMIGEATING', since: iso(NOW - 5 * MIN) },
    ]);
  });

  it('kinds in ATTENTION_KINDS order, oldest first within each; one task may be under several kinds', () => {
    const tasks = [task('w', 'INCRMIGEATING', HOUR), task('f2', 'FAILED', MIN), task('s', 'TERMINATING', HOUR), task('f1', 'FAILED', 2 * MIN), task('u', 'BRAND_NEW_STATUS', 30 * HOUR)];
    const samples = new Map([['w', [sample(30_000, 1), sample(20_000, 2), sample(10_000, 3)]]]);
    const items = attentionItems(input({ tasks, samples, watches: [watch('w', MIN)] }));
    expect(items.map((i) => [i.kind, i.task_id])).toEqual([
      ['failed', 'f1'],
      ['failed', 'f2'],
      ['stopping_long', 's'],
      ['lag_rising', 'w'],
      ['watch_waiting', 'w'],
    ]);
  });
});
