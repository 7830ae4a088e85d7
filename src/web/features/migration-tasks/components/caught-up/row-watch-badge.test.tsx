import { screen, within } from '@testing-library/react';
import { ids } from '../../../../testing/mocks/data';
import { requestsTo } from '../../../../testing/mocks/db';
import { setWatch, waitingWatch } from '../../../../testing/mocks/handlers/caught-up';
import { TARGET_1 } from '../../../../testing/mocks/targets';
import { advance, renderApp, switchLocale, useTestClock, whenSettled } from '../../../../testing/test-utils';

const rowOf = (taskId: string) => screen.getAllByTestId('task-row').find((row) => row.dataset.taskId === taskId)!;

// Issue 16, finding 3: an armed watch shows on the list, not only two screens down its task page.
describe('a list row with a "stop when caught up" watch', () => {
  useTestClock();
  afterEach(() => switchLocale('en'));

  it('shows how far the watch is and counts down to its next poll; other rows show nothing', async () => {
    setWatch(waitingWatch(ids.incremental, TARGET_1, { threshold: 1000, polls_in_a_row: 2, consecutive_polls: 3, next_poll_at: new Date(Date.now() + 4000).toISOString() }));
    const { queryClient } = renderApp('/targets/sim-region-1');
    const badge = await whenSettled(queryClient, () => within(rowOf(ids.incremental)).getByTestId('row-watch-badge'));
    expect(badge).toHaveTextContent('Stops when caught up: 2 of 3 polls ≤ 1,000 · next in 4 s');
    await advance(1000);
    expect(badge).toHaveTextContent('next in 3 s');
    expect(within(rowOf(ids.full)).queryByTestId('row-watch-badge')).not.toBeInTheDocument();
  });

  it('says when the watch is stopping the task, in Chinese too', async () => {
    setWatch(waitingWatch(ids.incremental, TARGET_1, { state: 'stopping', next_poll_at: null }));
    const { queryClient } = renderApp('/targets/sim-region-1');
    const badge = await whenSettled(queryClient, () => within(rowOf(ids.incremental)).getByTestId('row-watch-badge'));
    expect(badge).toHaveTextContent('Caught up: stopping');
    await switchLocale('zh-CN');
    expect(within(rowOf(ids.incremental)).getByTestId('row-watch-badge')).toHaveTextContent('已追平：正在停止');
  });

  it('a watch armed elsewhere appears within 30 s, without reloading the page', async () => {
    const { queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => screen.getAllByTestId('task-row'));
    expect(screen.queryByTestId('row-watch-badge')).not.toBeInTheDocument();
    const reads = requestsTo('/api/stop-when-caught-up', 'GET').length;
    setWatch(waitingWatch(ids.incremental, TARGET_1));
    await advance(30_000);
    await whenSettled(queryClient, () => within(rowOf(ids.incremental)).getByTestId('row-watch-badge'));
    expect(requestsTo('/api/stop-when-caught-up', 'GET').length).toBe(reads + 1);
  });

  it('a list without an incremental migration does not ask for watches', async () => {
    const { queryClient } = renderApp('/targets/sim-region-1?status=SUCCESS');
    await whenSettled(queryClient, () => screen.getAllByTestId('task-row'));
    expect(requestsTo('/api/stop-when-caught-up', 'GET')).toHaveLength(0);
  });
});
