import { screen, waitFor, within } from '@testing-library/react';
import { ids } from '../../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../../testing/mocks/db';
import { noEstimate, sample, setHistory } from '../../../../testing/mocks/handlers/history';
import { advance, renderApp, switchLocale, useTestClock } from '../../../../testing/test-utils';
import { isolatedPoints, linePath } from './line-chart';

const open = async () => {
  renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
  return screen.findByTestId('section-history');
};

const pathOf = (chart: HTMLElement, series: string) => chart.querySelector(`path[data-series="${series}"]`)!.getAttribute('d')!;

describe('progress history', () => {
  useTestClock();
  // The task page is a route loaded on demand: load its code once here, not inside the first test's 1 s wait.
  beforeAll(async () => {
    await import('../../../../app/routes/task');
  });
  afterEach(() => switchLocale('en'));

  it('draws offset, keys (source vs target) and ops/s from the samples, each with a summary for screen readers', async () => {
    setHistory(ids.incremental, {
      samples: [
        sample(60, { offset: 500, source_dbsize: 1000, target_dbsize: 800, target_ops: 90 }),
        sample(40, { offset: 200, source_dbsize: 1000, target_dbsize: 950, target_ops: 120 }),
        sample(20, { offset: 0, source_dbsize: 1000, target_dbsize: 1000, target_ops: 80 }),
      ],
    });
    const section = await open();
    const offset = await within(section).findByTestId('chart-offset');
    expect(within(offset).getByRole('img')).toHaveAccessibleName(/Incremental lag from .* to .*; latest 0\./);
    expect(pathOf(offset, 'Offset (lag)')).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    const keys = within(section).getByTestId('chart-keys');
    expect(within(keys).getByRole('img')).toHaveAccessibleName(/latest 1,000 in the source and 1,000 in the target/);
    expect(pathOf(keys, 'Source keys')).toContain('L');
    expect(pathOf(keys, 'Target keys')).toContain('L');
    expect(within(within(section).getByTestId('chart-ops')).getByRole('img')).toHaveAccessibleName(/latest 80\./);
    expect(section).toHaveTextContent('3 samples');
    // The same figures as a table, newest first.
    const rows = within(within(section).getByTestId('history-table')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent(/^\d\d:\d\d:\d\d0/);
    expect(rows[3]).toHaveTextContent('500');
  });

  it('breaks the line where a value is missing, and ignores fields and samples it cannot read', async () => {
    setHistory(ids.incremental, {
      samples: [
        sample(80, { offset: 300 }),
        sample(60, { offset: 250 }),
        sample(40, { offset: null }),
        { ...sample(30, { offset: 'lots' as unknown as number }), brand_new_field: { nested: true } } as never,
        sample(20, { offset: 100 }),
        sample(10, { offset: 50 }),
        { at: 'not a time', offset: 1 } as never,
      ],
    });
    const section = await open();
    const offset = await within(section).findByTestId('chart-offset');
    const d = pathOf(offset, 'Offset (lag)');
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(section).toHaveTextContent('6 samples');
    // Key and ops charts have no values at all: drawn empty, no crash.
    expect(pathOf(within(section).getByTestId('chart-ops'), 'Operations/s')).toBe('');
  });

  it('shows the full-sync rate and ETA in words', async () => {
    setHistory(ids.incremental, {
      samples: [sample(30, { full_migration_progress: 40 }), sample(0, { full_migration_progress: 42 })],
      full_sync: { ...noEstimate, progress: 42, percent_per_min: 4.8, keys_per_s: 1200, eta_seconds: 725, eta_unknown_reason: null },
    });
    const section = await open();
    await waitFor(() => expect(within(section).getByTestId('history-eta')).toHaveTextContent('about 12 min left'));
    expect(within(section).getByTestId('history-estimate')).toHaveTextContent('4.8 %/min · 1,200 keys/s');
  });

  it.each([
    ['incremental_sync', 'The task is in incremental sync, which runs until it is stopped.'],
    ['not_enough_samples', 'Not enough samples yet to measure a rate'],
    ['no_progress', 'The full sync made no progress over the last 10 minutes.'],
    ['settled', 'The task no longer migrates'],
    ['full_sync_done', 'The full sync has finished.'],
    ['a_newer_reason', 'The console cannot estimate it (a_newer_reason).'],
  ])('says "ETA unknown" and why: %s', async (reason, text) => {
    setHistory(ids.incremental, { samples: [sample(10, { offset: 0 })], full_sync: { ...noEstimate, eta_unknown_reason: reason } });
    const section = await open();
    await waitFor(() => expect(within(section).getByTestId('history-eta')).toHaveTextContent('ETA unknown'));
    expect(within(section).getByTestId('history-eta-reason')).toHaveTextContent(text);
  });

  it('speaks Chinese: ETA, reasons and chart summaries', async () => {
    await switchLocale('zh-CN');
    setHistory(ids.incremental, {
      samples: [sample(30, { offset: 10 }), sample(0, { offset: 0 })],
      full_sync: { ...noEstimate, eta_seconds: 7500, eta_unknown_reason: null },
    });
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    const section = await screen.findByTestId('section-history');
    await waitFor(() => expect(within(section).getByTestId('history-eta')).toHaveTextContent('约剩 2 小时 5 分钟'));
    expect(within(within(section).getByTestId('chart-offset')).getByRole('img')).toHaveAccessibleName(/的增量延迟；最新值 0。/);
  });

  it('reads the history once more when the task settles: the last sample and "settled" show, then no more reads', async () => {
    const incrementalSync = { ...noEstimate, eta_unknown_reason: 'incremental_sync' };
    setHistory(ids.incremental, { samples: [sample(20, { offset: 10 })], full_sync: incrementalSync });
    const section = await open();
    await waitFor(() => expect(within(section).getByTestId('history-eta-reason')).toHaveTextContent('incremental sync'));
    expect(within(section).getByTestId('history-collecting')).toBeInTheDocument();

    // The task is stopped elsewhere; the console's history has a later sample and says "settled".
    findTask(ids.incremental)!.status = 'TERMINATED';
    setHistory(ids.incremental, {
      samples: [sample(20, { offset: 10 }), sample(1, { offset: 0, status: 'TERMINATED', is_migrating: false })],
      full_sync: { ...noEstimate, eta_unknown_reason: 'settled' },
    });
    const history = () => requestsTo(`/api/migration-tasks/${ids.incremental}/history`).length;
    const before = history();
    // The task page reads the task every 5 s while it migrates; the history alone would wait 15 s.
    await advance(5_100);
    await waitFor(() => expect(within(section).getByTestId('history-eta-reason')).toHaveTextContent('The task no longer migrates'));
    expect(section).toHaveTextContent('2 samples');
    expect(history()).toBe(before + 1);
    await advance(60_000);
    expect(history()).toBe(before + 1);
  });

  it('with a single sample, says it is collecting and since when, instead of three empty charts around a dot', async () => {
    const first = sample(20, { offset: 10, source_dbsize: 1000, target_dbsize: 990, target_ops: 50 });
    setHistory(ids.incremental, { samples: [first] });
    const section = await open();
    const line = await within(section).findByTestId('history-collecting');
    const time = line.querySelector('time')!;
    expect(time).toHaveAttribute('datetime', first.at);
    expect(time.textContent).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(line).toHaveTextContent(`Collecting history, first sample at ${time.textContent}`);
    expect(within(section).queryByRole('img')).not.toBeInTheDocument();
    expect(within(section).queryByTestId('chart-offset')).not.toBeInTheDocument();
    expect(within(section).queryByTestId('history-table')).not.toBeInTheDocument();

    // The second sample brings the charts.
    setHistory(ids.incremental, { samples: [first, sample(1, { offset: 0 })] });
    await advance(15_100);
    expect(await within(section).findByTestId('chart-offset')).toBeInTheDocument();
    expect(within(section).queryByTestId('history-collecting')).not.toBeInTheDocument();
    expect(section).toHaveTextContent('2 samples');
  });

  it('says it is collecting in Chinese too', async () => {
    await switchLocale('zh-CN');
    setHistory(ids.incremental, { samples: [sample(20, { offset: 10 })] });
    const section = await open();
    expect(await within(section).findByTestId('history-collecting')).toHaveTextContent(/^正在收集历史，首个采样时间 \d\d:\d\d:\d\d$/);
  });

  it('says so when there are no samples yet', async () => {
    const section = await open();
    expect(await within(section).findByTestId('history-empty')).toHaveTextContent('No samples yet.');
  });
});

describe('line path', () => {
  it('shows a value without readable neighbours as a dot (e.g. the first sample)', () => {
    const points = [5, null, 6, 7, null].map((value, at) => ({ at, value }));
    expect(isolatedPoints(points)).toEqual([{ at: 0, value: 5 }]);
    expect(isolatedPoints([{ at: 0, value: 1 }])).toHaveLength(1);
  });

  it('starts a new segment after every gap and skips non-finite values', () => {
    const points = [1, null, 2, 3, Number.NaN, 4].map((value, at) => ({ at, value }));
    expect(linePath(points, (at) => at, (v) => v)).toBe('M0.0,1.0M2.0,2.0L3.0,3.0M5.0,4.0');
  });
});
