import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { cloudInternalError, stopTimedOut } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { advance, renderApp, useTestClock, whenSettled } from '../../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../api/get-migration-task';
import { STOP_AGAIN_HOLD_MS } from '../hooks/use-reread-after-failed-stop';
import { confirmStop } from '../testing/stop-dialog';

const STOP = `/api/migration-tasks/${ids.incremental}/stop`;
const DETAIL = `/api/migration-tasks/${ids.incremental}`;
const WAITING = 'Waiting to learn whether the previous stop was applied';

/**
 * `ui()` once it finds what it looks for and no read or stop is still on its way: no answer lands,
 * and renders, after the test has moved on.
 */
async function stopOnPage() {
  const result = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
  // The whole page, its last section (stop when caught up) included.
  const stop = await whenSettled(result.queryClient, () => {
    screen.getByRole('form', { name: 'Stop when caught up' });
    return screen.getByRole('button', { name: 'Stop' });
  });
  await result.user.click(stop);
  const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
  await confirmStop(result.user, dialog, 'mig-orders-cache');
  return { ...result, dialog };
}

describe('the task page after a stop', () => {
  useTestClock();
  // The task page and the stop dialog load on demand: loaded here, their first test waits no longer.
  beforeAll(() => Promise.all([import('../../../app/routes/task'), import('./stop-task-dialog')]));

  it('outcome unknown: watches the task\'s status, then says the stop took effect once it reads TERMINATING', async () => {
    let failures = 0;
    server.use(
      http.post(STOP, () => {
        findTask(ids.incremental)!.status = 'TERMINATING';
        failures = 2; // the next two reads of the task fail
        return stopTimedOut();
      }),
      http.get(DETAIL, () => (failures-- > 0 ? cloudInternalError() : undefined)),
    );
    const { user, dialog, queryClient } = await stopOnPage();
    await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-unknown'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const progress = await screen.findByTestId('stop-progress');
    expect(progress).toHaveAttribute('data-outcome', 'unknown');
    expect(progress).toHaveTextContent("Outcome of the stop unknown — watching the task's status");
    expect(progress).toHaveTextContent('Do not stop again yet.');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Stop' })).toHaveAccessibleDescription(WAITING);
    // The failed reads show over the data still on screen; the status shown is the last known one.
    expect(await screen.findByTestId('stale-data')).toHaveTextContent('DCS.5000');
    expect(screen.getByTestId('task-status')).toHaveTextContent('INCRMIGEATING');

    await advance(DETAIL_POLL_STOPPING_MS + 100);
    await advance(DETAIL_POLL_STOPPING_MS + 100);
    await whenSettled(queryClient, () => expect(screen.getByTestId('stop-progress')).toHaveAttribute('data-outcome', 'applied'));
    expect(screen.getByTestId('stop-progress')).toHaveTextContent(
      /The stop took effect: the task is now Stopping \(TERMINATING\)\. Following the task until it has stopped…/,
    );
    expect(screen.getByTestId('task-status')).toHaveTextContent('TERMINATING');
    expect(screen.queryByTestId('stale-data')).not.toBeInTheDocument();
    expect(requestsTo(STOP, 'POST')).toHaveLength(1);
  });

  it('a cloud error (502 UPSTREAM_ERROR, DCS.5000) is a refusal: shown in the dialog, Stop offered again once the task is read again', async () => {
    server.use(http.post(STOP, () => cloudInternalError('req-stop-5000')));
    const { dialog, queryClient } = await stopOnPage();
    const alert = await whenSettled(queryClient, () => within(dialog).getByTestId('error-alert'));
    expect(alert).toHaveTextContent('The stop was not accepted');
    expect(alert).toHaveTextContent('DCS.5000');
    expect(alert).toHaveTextContent('Internal service error.');
    expect(alert).toHaveTextContent('UPSTREAM_ERROR');
    expect(alert).toHaveTextContent('HTTP 502');
    expect(alert).toHaveTextContent('req-stop-5000');
    expect(within(alert).getByTestId('stop-cloud-error-note')).toHaveTextContent(
      'The cloud answered with an error, so the stop was most likely not applied.',
    );
    expect(alert).toHaveTextContent('Stops are never retried automatically.');
    expect(within(dialog).queryByTestId('stop-outcome-unknown')).not.toBeInTheDocument();
    expect(screen.queryByTestId('stop-progress')).not.toBeInTheDocument();
    await advance(STOP_AGAIN_HOLD_MS); // past the hold however fast the read was
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeEnabled());
    // The task is read again (the page's first read, then one after the refusal), to show its real status.
    await whenSettled(queryClient, () => expect(requestsTo(DETAIL).length).toBeGreaterThanOrEqual(2));
    expect(requestsTo(STOP, 'POST')).toHaveLength(1);
  });
});
