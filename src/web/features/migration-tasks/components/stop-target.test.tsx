import type { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import { db, findTask, requestsTo, taskRequestsFor } from '../../../testing/mocks/db';
import { ids2, TARGET_2 } from '../../../testing/mocks/targets';
import { chooseTarget } from '../../../testing/target-helpers';
import { advance, renderApp, useTestClock, settled } from '../../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../api/get-migration-task';
import { confirmStop } from '../testing/stop-dialog';

const STOP = (id: string) => `/api/migration-tasks/${id}/stop`;
const DETAIL = (id: string) => `/api/migration-tasks/${id}`;

/** Until no read or stop is on its way: no answer lands after the test has moved on (or ended), outside act. */
/** Moves the clock to the next read of a stopping task (every 2 s), and waits for its answer. */
async function nextStoppingRead(queryClient: QueryClient) {
  await advance(DETAIL_POLL_STOPPING_MS);
  await settled(queryClient);
}

describe('Stop on another target', () => {
  useTestClock();
  // The task page and the stop dialog load on first use: here, not inside a test's wait.
  beforeAll(async () => {
    await Promise.all([import('../../../app/routes/task'), import('./stop-task-dialog')]);
  });

  it('sends the target with the stop, and updates that target\'s list', async () => {
    const { user, queryClient } = renderApp('/targets/sim-region-2');
    const row = (await screen.findAllByTestId('task-row')).find((r) => r.dataset.taskId === ids2.inventory)!;
    await user.click(within(row).getByRole('button', { name: 'Stop mig-eu-inventory' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
    await confirmStop(user, dialog, 'mig-eu-inventory');

    await waitFor(() => expect(within(row).getByText('TERMINATING')).toBeInTheDocument());
    const posts = requestsTo(STOP(ids2.inventory), 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url.searchParams.get('target')).toBe('sim-region-2');
    expect(findTask(ids2.inventory, TARGET_2)!.status).toBe('TERMINATING');
    expect(taskRequestsFor('sim-region-1')).toHaveLength(0);
    expect(taskRequestsFor(null)).toHaveLength(0);
    await settled(queryClient);
  });

  it('keeps following the stopped task on its own target after switching to another', async () => {
    db.stopCompletesAfterReads = 2;
    const { user, router, queryClient } = renderApp(`/targets/sim-region-2/tasks/${ids2.inventory}`);
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
    await confirmStop(user, dialog, 'mig-eu-inventory');
    await waitFor(() => expect(screen.getByTestId('task-status')).toHaveTextContent('TERMINATING'));

    await chooseTarget(user, 'Simulated region 1');
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-1'));
    const readsAtSwitch = requestsTo(DETAIL(ids2.inventory)).length;

    // The task stops after two reads since the stop: the follower's next two (every 2 s), on the task's own target.
    await nextStoppingRead(queryClient);
    await nextStoppingRead(queryClient);
    expect(await screen.findByText('mig-eu-inventory has stopped (TERMINATED)')).toBeInTheDocument();
    const followReads = requestsTo(DETAIL(ids2.inventory)).slice(readsAtSwitch);
    expect(followReads.length).toBeGreaterThan(0);
    expect(followReads.every((r) => r.url.searchParams.get('target') === 'sim-region-2')).toBe(true);
    expect(findTask(ids2.inventory, TARGET_2)!.status).toBe('TERMINATED');
    await settled(queryClient);
  }, 15_000);
});
