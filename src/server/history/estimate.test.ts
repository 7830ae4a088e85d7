// The ETA's finer points that the simulator cannot show: whole-number percents that stand still
// while keys move, and the rate window.
import { describe, expect, it } from 'vitest';
import { HISTORY_RATE_WINDOW_S } from '../../api/rules/history';
import { estimateFullSync, type StoredSample } from './estimate';

const at = (s: number, progress: number | null, target: number | null, source: number | null = 1000): StoredSample => ({
  atMs: s * 1000,
  status: 'FULLMIGRATING',
  offset: 0,
  full_migration_progress: progress,
  source_dbsize: source,
  target_dbsize: target,
  target_ops: null,
  target_input_kbps: null,
  is_migrating: true,
});

describe('estimateFullSync', () => {
  it('uses the keys still missing when the percent has not moved but keys have', () => {
    const estimate = estimateFullSync([at(0, 50, 500), at(60, 50, 560)], 'FULLMIGRATING');
    expect(estimate).toMatchObject({ percent_per_min: 0, keys_per_s: 1, eta_seconds: 440, eta_unknown_reason: null });
  });

  it(`measures over the last ${HISTORY_RATE_WINDOW_S / 60} minutes only`, () => {
    const samples = [at(0, 0, 0), at(HISTORY_RATE_WINDOW_S, 40, 400), at(HISTORY_RATE_WINDOW_S + 60, 50, 500)];
    expect(estimateFullSync(samples, 'FULLMIGRATING')).toMatchObject({ percent_per_min: 10, eta_seconds: 300, measured_from: new Date(HISTORY_RATE_WINDOW_S * 1000).toISOString() });
  });

  it('settled when the latest sample says the task no longer migrates, whatever its status says', () => {
    const stopped = { ...at(60, 50, 500), is_migrating: false };
    expect(estimateFullSync([at(0, 40, 400), stopped], null).eta_unknown_reason).toBe('settled');
  });

  it('an unknown status does not stop the estimate', () => {
    expect(estimateFullSync([at(0, 40, 400), at(60, 50, 500)], 'SWITCHING_OVER')).toMatchObject({ eta_seconds: 300, eta_unknown_reason: null });
  });

  it('ignores samples without a percent', () => {
    expect(estimateFullSync([at(0, null, null), at(60, 50, 500)], 'FULLMIGRATING').eta_unknown_reason).toBe('not_enough_samples');
  });
});
