// The memory bounds of the progress history: retention, spacing, sample cap and task cap.
import { describe, expect, it } from 'vitest';
import { HISTORY_MAX_SAMPLES, HISTORY_MIN_SPACING_S, HISTORY_RETENTION_S } from '../../api/rules/history';
import { ProgressHistory } from './progress-history';

const stats = (progress: number) => ({ full_migration_progress: String(progress), offset: '0', source_dbsize: 100, target_dbsize: 'n/a', is_migrating: true });

describe('ProgressHistory bounds', () => {
  it(`drops samples older than ${HISTORY_RETENTION_S / 3600} hours and never keeps more than ${HISTORY_MAX_SAMPLES} + 1`, () => {
    let now = 0;
    const history = new ProgressHistory(() => now);
    for (let i = 0; i < HISTORY_MAX_SAMPLES * 2; i++) {
      history.recordStats('t', 'a', stats(i % 100));
      now += HISTORY_MIN_SPACING_S * 1000;
    }
    const { samples } = history.read('t', 'a', undefined);
    expect(samples.length).toBeLessThanOrEqual(HISTORY_MAX_SAMPLES + 1);
    expect(Date.parse(samples[0]!.at)).toBeGreaterThanOrEqual(now - HISTORY_RETENTION_S * 1000);
  });

  it('parses numbers sent as strings or numbers; anything else is null', () => {
    const history = new ProgressHistory(() => 0);
    history.recordStats('t', 'a', stats(42));
    expect(history.read('t', 'a', undefined).samples[0]).toMatchObject({ full_migration_progress: 42, source_dbsize: 100, target_dbsize: null, target_ops: null, is_migrating: true });
  });

  it('keeps at most maxTasks tasks, dropping the least recently touched', () => {
    const history = new ProgressHistory(() => 0, 3);
    for (const id of ['a', 'b', 'c']) history.recordStats('t', id, stats(1));
    history.markViewed('t', 'a'); // a is now the most recent
    history.recordStats('t', 'd', stats(1));
    expect(history.size).toBe(3);
    expect(history.read('t', 'b', undefined).samples).toEqual([]);
    expect(history.read('t', 'a', undefined).samples).toHaveLength(1);
  });

  it('answers recorded later (background samples, watches) do not keep a task: the one least recently read goes', () => {
    let now = 0;
    const history = new ProgressHistory(() => now, 2);
    history.markViewed('t', 'a');
    history.markViewed('t', 'b');
    now += HISTORY_MIN_SPACING_S * 1000;
    history.recordStats('t', 'a', stats(1)); // sampled, not read
    history.markViewed('t', 'c');
    expect([history.isTracked('t', 'a'), history.isTracked('t', 'b'), history.isTracked('t', 'c')]).toEqual([false, true, true]);
  });

  it('keeps targets apart', () => {
    const history = new ProgressHistory(() => 0);
    history.recordStats('one', 'a', stats(1));
    expect(history.read('two', 'a', undefined).samples).toEqual([]);
  });
});
