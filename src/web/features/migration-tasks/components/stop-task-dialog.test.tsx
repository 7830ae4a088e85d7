import type { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { STOP_REASON_MAX } from '../../../../api';
import { ids } from '../../../testing/mocks/data';
import { db, requestsTo } from '../../../testing/mocks/db';
import { apiError } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { renderApp, useTestClock, whenSettled } from '../../../testing/test-utils';
import { confirmStop } from '../testing/stop-dialog';

const STOP = (id: string) => `/api/migration-tasks/${id}/stop`;

/**
 * `ui()` once it finds what it looks for and no read or stop is still on its way: no answer lands,
 * and renders, after the test has moved on.
 */
/** The list, every row of it read, and the dialog of mig-orders-cache, with the progress it reads as it opens. */
async function openDialog() {
  const result = renderApp('/targets/sim-region-1');
  const row = await whenSettled(result.queryClient, () => screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === ids.incremental)!);
  await result.user.click(within(row).getByRole('button', { name: 'Stop mig-orders-cache' }));
  const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
  return { ...result, dialog, reason: within(dialog).getByRole('textbox', { name: 'Reason' }) };
}

const sentBody = async () => {
  await waitFor(() => expect(requestsTo(STOP(ids.incremental), 'POST')[0]?.body).toBeTruthy());
  return JSON.parse(requestsTo(STOP(ids.incremental), 'POST')[0]!.body) as unknown;
};

/** The end of an accepted stop: the dialog has gone, the operator is told, the list is read again. */
async function stopRequestedShown(queryClient: QueryClient) {
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  await whenSettled(queryClient, () => screen.getByText('Stop requested — mig-orders-cache is TERMINATING'));
}

describe('the reason of a stop', () => {
  useTestClock();
  // The stop dialog loads on demand: loaded here, the first test waits no longer.
  beforeAll(() => import('./stop-task-dialog'));

  it('is sent trimmed in the stop body, and lands in the audit trail', async () => {
    const { user, dialog, reason, queryClient } = await openDialog();
    expect(reason).toHaveAccessibleDescription(/Recorded in the audit trail/);
    await user.type(reason, '  Cut-over finished  ');
    expect(within(dialog).getByTestId('stop-reason-count')).toHaveTextContent(`21 / ${STOP_REASON_MAX}`);
    await confirmStop(user, dialog, 'mig-orders-cache');
    expect(await sentBody()).toEqual({ reason: 'Cut-over finished' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(db.audit.at(-1)).toMatchObject({ task_id: ids.incremental, reason: 'Cut-over finished', outcome: 'accepted' });
    await stopRequestedShown(queryClient);
  });

  it('is left out when empty or only spaces', async () => {
    const { user, dialog, reason, queryClient } = await openDialog();
    await user.type(reason, '   ');
    await confirmStop(user, dialog, 'mig-orders-cache');
    expect(await sentBody()).toEqual({});
    await stopRequestedShown(queryClient);
  });

  it('stays one line: Enter adds nothing and pasted line breaks become spaces', async () => {
    const { user, reason } = await openDialog();
    await user.type(reason, 'first{Enter}');
    expect(reason).toHaveValue('first');
    await user.paste('\nsecond\r\nthird');
    expect(reason).toHaveValue('first second third');
  });

  it(`over ${STOP_REASON_MAX} characters: says so, and the stop cannot be sent`, async () => {
    const { user, dialog, reason } = await openDialog();
    await user.type(within(dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
    await user.click(reason);
    await user.paste('x'.repeat(STOP_REASON_MAX + 1));
    expect(within(dialog).getByTestId('stop-reason-count')).toHaveTextContent(`${STOP_REASON_MAX + 1} / ${STOP_REASON_MAX}`);
    expect(within(dialog).getByText(`Too long: at most ${STOP_REASON_MAX} characters (${STOP_REASON_MAX + 1} now).`)).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', { name: 'Stop task' });
    expect(confirm).toBeDisabled();
    await user.click(confirm);
    await user.type(reason, '{Backspace}');
    expect(confirm).toBeEnabled();
    expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(0);
  });

  it('an invisible character (a pasted line separator): names it and where, and the stop cannot be sent', async () => {
    const { user, dialog, reason } = await openDialog();
    await user.type(within(dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
    await user.click(reason);
    await user.paste('cut-over\u2028done');
    expect(within(dialog).getByText('Remove the invisible or control character U+2028 at position 9: a reason is one line of visible text.')).toBeInTheDocument();
    expect(reason).toBeInvalid();
    const confirm = within(dialog).getByRole('button', { name: 'Stop task' });
    expect(confirm).toBeDisabled();
    await user.clear(reason);
    await user.type(reason, 'cut-over done');
    expect(confirm).toBeEnabled();
    expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(0);
  });

  it('RATE_LIMITED: says when to try again (Retry-After), in the dialog, which stays open', async () => {
    server.use(
      http.post(STOP(ids.incremental), () => {
        const response = apiError(429, {
          code: 'RATE_LIMITED',
          message: 'Too many stop requests: at most 10 a minute per user. Try again in 42 s.',
          request_id: 'req-rl-1',
        });
        response.headers.set('retry-after', '42');
        return response;
      }),
    );
    const { user, dialog, reason, queryClient } = await openDialog();
    await user.type(reason, 'again');
    await confirmStop(user, dialog, 'mig-orders-cache');
    // The dialog stays open, and the list is read again after the failed stop.
    const alert = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-rate-limited'));
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('Too many stop requests; try again in 42 s.');
    expect(alert).toHaveTextContent('req-rl-1');
    expect(screen.getByRole('dialog', { name: 'Stop migration task?' })).toBeInTheDocument();
    expect(reason).toHaveValue('again'); // kept for the next try
    expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeEnabled();
  });
});
