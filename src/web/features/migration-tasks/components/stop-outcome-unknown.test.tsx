import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { cloudInternalError, stopTimedOut } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { advance, renderApp, useTestClock, whenSettled } from '../../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../api/get-migration-task';
import { confirmStop } from '../testing/stop-dialog';

// A stop whose answer is lost (timeout, dropped connection) may or may not have been applied: the
// dialog says so, Stop is held back, and the console reads the task until it knows.
const STOP = `/api/migration-tasks/${ids.incremental}/stop`;
const DETAIL = `/api/migration-tasks/${ids.incremental}`;
const UNKNOWN_TEXT =
  "The stop request was sent but the console does not know whether the cloud applied it. Do not stop again yet: the console is checking the task's real status.";
const WAITING = 'Waiting to learn whether the previous stop was applied';

/**
 * `ui()` once it finds what it looks for and no read or stop is still on its way: no answer lands,
 * and renders, after the test has moved on.
 */
/** The stop answers `answer()`; the cloud applied it when `applied`. The next `failedReads` detail reads fail. */
function loseStopAnswer(answer: () => Response, { applied, failedReads }: { applied: boolean; failedReads: number }) {
  let failures = failedReads;
  server.use(
    http.post(STOP, () => {
      if (applied) findTask(ids.incremental)!.status = 'TERMINATING';
      return answer();
    }),
    http.get(DETAIL, () => (failures-- > 0 ? cloudInternalError() : undefined)),
  );
}

async function stopFromList() {
  const result = renderApp('/targets/sim-region-1');
  const row = await whenSettled(result.queryClient, () => screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === ids.incremental)!);
  await result.user.click(within(row).getByRole('button', { name: 'Stop mig-orders-cache' }));
  const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
  await confirmStop(result.user, dialog, 'mig-orders-cache');
  return { ...result, row, dialog };
}

describe('a stop whose outcome is unknown', () => {
  useTestClock();
  // The stop dialog loads on demand: loaded here, the first test waits no longer.
  beforeAll(() => import('./stop-task-dialog'));

  it('504 UPSTREAM_TIMEOUT: says so, keeps reading the task through errors, then says the stop took effect', async () => {
    loseStopAnswer(stopTimedOut, { applied: true, failedReads: 2 });
    const { dialog, queryClient } = await stopFromList();

    const unknown = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-unknown'));
    expect(unknown).toHaveAttribute('role', 'alert');
    expect(unknown).toHaveTextContent(UNKNOWN_TEXT);
    expect(unknown).toHaveTextContent('UPSTREAM_TIMEOUT');
    expect(unknown).toHaveTextContent('HTTP 504');
    expect(unknown).toHaveTextContent('req-stop-timeout-1');
    expect(unknown).toHaveTextContent('Checking the task\'s status every 2 s…');
    expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeDisabled();

    // The detail is read every 2 s, failed reads included, until one answers.
    await advance(DETAIL_POLL_STOPPING_MS + 100);
    await advance(DETAIL_POLL_STOPPING_MS);
    expect(requestsTo(DETAIL).length).toBeGreaterThanOrEqual(2);
    expect(within(dialog).queryByTestId('stop-outcome-learned')).not.toBeInTheDocument();
    await advance(DETAIL_POLL_STOPPING_MS);
    const learned = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-learned'));
    expect(learned).toHaveTextContent('The stop took effect: the task is now Stopping (TERMINATING).');
    expect(requestsTo(DETAIL).length).toBeGreaterThanOrEqual(3);
    expect(await screen.findByText('The stop of mig-orders-cache took effect')).toBeInTheDocument();
    expect(requestsTo(STOP, 'POST')).toHaveLength(1); // never sent again by the page
  });

  it('a network failure: Stop is held back while unknown, then offered again once the task reads as still migrating', async () => {
    loseStopAnswer(() => HttpResponse.error(), { applied: false, failedReads: 2 });
    const { user, dialog, queryClient } = await stopFromList();

    const unknown = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-unknown'));
    expect(unknown).toHaveTextContent(UNKNOWN_TEXT);
    expect(unknown).toHaveTextContent('NETWORK_ERROR');
    expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeDisabled();
    expect(dialog).toHaveTextContent(WAITING);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const stopButton = () => {
      const row = screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === ids.incremental)!;
      return within(row).getByRole('button', { name: 'Stop mig-orders-cache' });
    };
    expect(stopButton()).toBeDisabled();
    expect(stopButton()).toHaveAccessibleDescription(WAITING);
    expect(stopButton().parentElement).toHaveAttribute('title', WAITING);

    await advance(DETAIL_POLL_STOPPING_MS + 100);
    await advance(DETAIL_POLL_STOPPING_MS);
    expect(stopButton()).toBeDisabled(); // the reads so far failed: still unknown
    await advance(DETAIL_POLL_STOPPING_MS);
    await whenSettled(queryClient, () => expect(stopButton()).toBeEnabled());
    expect(await screen.findByText('The stop of mig-orders-cache was apparently not applied')).toBeInTheDocument();
    expect(
      screen.getByText('The stop was apparently not applied: the task is still Incremental sync (INCRMIGEATING). Stop is available again.'),
    ).toBeInTheDocument();
    expect(requestsTo(STOP, 'POST')).toHaveLength(1);
  });

  it('a proxy’s HTML 502 instead of the console’s answer counts as unknown too', async () => {
    loseStopAnswer(() => new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502 }), {
      applied: false,
      failedReads: 0,
    });
    const { dialog, queryClient } = await stopFromList();
    const unknown = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-unknown'));
    expect(unknown).toHaveTextContent('UNEXPECTED_RESPONSE');
    expect(unknown).toHaveTextContent('502 Bad Gateway');
    await advance(DETAIL_POLL_STOPPING_MS + 100);
    expect(await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-learned'))).toHaveAttribute('data-outcome', 'not-applied');
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeEnabled());
  });
});
