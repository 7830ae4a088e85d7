import { act, screen } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { advance, renderApp, settled, useTestClock, whenSettled } from '../../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../api/get-migration-task';
import { confirmStop } from '../testing/stop-dialog';

// A followed stop is read through the query cache alone: one poller per task, whichever views are
// open. The task page and the StopFollower (in the layout) observe the same detail query; only one
// of them polls it.
const DETAIL = `/api/migration-tasks/${ids.incremental}`;
const PERIODS = 5;

/** Moves the clock on by PERIODS poll periods; the task's reads meanwhile, and the periods that passed. */
async function readsOverPeriods(queryClient: Parameters<typeof settled>[0]) {
  await settled(queryClient);
  const start = Date.now();
  const before = requestsTo(DETAIL).length;
  for (let i = 0; i < PERIODS; i += 1) await advance(DETAIL_POLL_STOPPING_MS);
  await settled(queryClient);
  // The test clock also follows real time: count the periods that really passed.
  return { reads: requestsTo(DETAIL).length - before, periods: Math.floor((Date.now() - start) / DETAIL_POLL_STOPPING_MS) };
}

async function stopOnPage() {
  const result = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
  const stop = await whenSettled(result.queryClient, () => screen.getByRole('button', { name: 'Stop' }));
  await result.user.click(stop);
  const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
  await confirmStop(result.user, dialog, 'mig-orders-cache');
  await whenSettled(result.queryClient, () =>
    expect(screen.getByTestId('stop-progress')).toHaveTextContent(/following the task until it has stopped/),
  );
  return result;
}

describe('a followed stop', () => {
  useTestClock();
  beforeAll(() => Promise.all([import('../../../app/routes/task'), import('./stop-task-dialog')]));

  it('with the task page open, is read once per 2 s period, not once by the page and once by the follower', async () => {
    const { queryClient } = await stopOnPage();
    const { reads, periods } = await readsOverPeriods(queryClient);
    expect(periods).toBeGreaterThanOrEqual(PERIODS);
    expect(reads).toBeGreaterThanOrEqual(periods - 1);
    expect(reads).toBeLessThanOrEqual(periods + 1);
  }, 30_000);

  it('is still read every 2 s, once, after the page is left, and no more once it has stopped', async () => {
    const { queryClient, router } = await stopOnPage();
    await act(() => router.navigate('/targets/sim-region-1'));
    await whenSettled(queryClient, () => screen.getAllByTestId('task-row'));
    const alone = await readsOverPeriods(queryClient);
    expect(alone.reads).toBeGreaterThanOrEqual(alone.periods - 1);
    expect(alone.reads).toBeLessThanOrEqual(alone.periods + 1);

    // Back on the page: still one reader.
    await act(() => router.navigate(`/targets/sim-region-1/tasks/${ids.incremental}`));
    await whenSettled(queryClient, () => screen.getByTestId('stop-progress'));
    const again = await readsOverPeriods(queryClient);
    expect(again.reads).toBeLessThanOrEqual(again.periods + 1);

    findTask(ids.incremental)!.status = 'TERMINATED';
    expect(await screen.findByText('mig-orders-cache has stopped (TERMINATED)')).toBeInTheDocument();
    await act(() => router.navigate('/targets/sim-region-1'));
    const after = await readsOverPeriods(queryClient);
    expect(after.reads).toBe(0);
  }, 60_000);
});
