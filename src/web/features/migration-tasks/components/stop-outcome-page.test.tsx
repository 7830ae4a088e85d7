import { act, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { cloudInternalError, stopTimedOut } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { renderApp } from '../../../testing/test-utils';
import { confirmStop } from '../testing/stop-dialog';

const STOP = `/api/migration-tasks/${ids.incremental}/stop`;
const DETAIL = `/api/migration-tasks/${ids.incremental}`;
const WAITING = 'Waiting to learn whether the previous stop was applied';
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

async function stopOnPage() {
  const result = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
  await result.user.click(await screen.findByRole('button', { name: 'Stop' }));
  const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
  await confirmStop(result.user, dialog, 'mig-orders-cache');
  return { ...result, dialog };
}

describe('the task page after a stop', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

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
    const { user, dialog } = await stopOnPage();
    await within(dialog).findByTestId('stop-outcome-unknown');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    const progress = await screen.findByTestId('stop-progress');
    expect(progress).toHaveAttribute('data-outcome', 'unknown');
    expect(progress).toHaveTextContent("Outcome of the stop unknown — watching the task's status");
    expect(progress).toHaveTextContent('Do not stop again yet.');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Stop' })).toHaveAccessibleDescription(WAITING);
    // The failed reads show over the data still on screen; the status shown is the last known one.
    expect(await screen.findByTestId('stale-data')).toHaveTextContent('DCS.5000');
    expect(screen.getByTestId('task-status')).toHaveTextContent('INCRMIGEATING');

    await advance(2_100);
    await advance(2_100);
    await waitFor(() => expect(screen.getByTestId('stop-progress')).toHaveAttribute('data-outcome', 'applied'));
    expect(screen.getByTestId('stop-progress')).toHaveTextContent(
      /The stop took effect: the task is now Stopping \(TERMINATING\)\. Following the task until it has stopped…/,
    );
    expect(screen.getByTestId('task-status')).toHaveTextContent('TERMINATING');
    expect(screen.queryByTestId('stale-data')).not.toBeInTheDocument();
    expect(requestsTo(STOP, 'POST')).toHaveLength(1);
  });

  it('a cloud error (502 UPSTREAM_ERROR, DCS.5000) is a refusal: shown in the dialog, Stop offered again once the task is read again', async () => {
    server.use(http.post(STOP, () => cloudInternalError('req-stop-5000')));
    const { dialog } = await stopOnPage();
    const alert = await within(dialog).findByTestId('error-alert');
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
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeEnabled(), { timeout: 3_000 });
    // The task is read again (the page's first read, then one after the refusal), to show its real status.
    await waitFor(() => expect(requestsTo(DETAIL).length).toBeGreaterThanOrEqual(2));
    expect(requestsTo(STOP, 'POST')).toHaveLength(1);
  });
});
