import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { STOP_REASON_MAX } from '../../../../api';
import { ids } from '../../../testing/mocks/data';
import { db, requestsTo } from '../../../testing/mocks/db';
import { apiError } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { renderApp } from '../../../testing/test-utils';
import { confirmStop } from '../testing/stop-dialog';

const STOP = (id: string) => `/api/migration-tasks/${id}/stop`;

async function openDialog() {
  const result = renderApp('/targets/sim-region-1');
  const row = (await screen.findAllByTestId('task-row')).find((r) => r.dataset.taskId === ids.incremental)!;
  await result.user.click(within(row).getByRole('button', { name: 'Stop mig-orders-cache' }));
  const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
  return { ...result, dialog, reason: within(dialog).getByRole('textbox', { name: 'Reason' }) };
}

const sentBody = async () => {
  await waitFor(() => expect(requestsTo(STOP(ids.incremental), 'POST')[0]?.body).toBeTruthy());
  return JSON.parse(requestsTo(STOP(ids.incremental), 'POST')[0]!.body) as unknown;
};

describe('the reason of a stop', () => {
  it('is sent trimmed in the stop body, and lands in the audit trail', async () => {
    const { user, dialog, reason } = await openDialog();
    expect(reason).toHaveAccessibleDescription(/Recorded in the audit trail/);
    await user.type(reason, '  Cut-over finished  ');
    expect(within(dialog).getByTestId('stop-reason-count')).toHaveTextContent(`21 / ${STOP_REASON_MAX}`);
    await confirmStop(user, dialog, 'mig-orders-cache');
    expect(await sentBody()).toEqual({ reason: 'Cut-over finished' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(db.audit.at(-1)).toMatchObject({ task_id: ids.incremental, reason: 'Cut-over finished', outcome: 'accepted' });
  });

  it('is left out when empty or only spaces', async () => {
    const { user, dialog, reason } = await openDialog();
    await user.type(reason, '   ');
    await confirmStop(user, dialog, 'mig-orders-cache');
    expect(await sentBody()).toEqual({});
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
    const { user, dialog, reason } = await openDialog();
    await user.type(reason, 'again');
    await confirmStop(user, dialog, 'mig-orders-cache');
    const alert = await within(dialog).findByTestId('stop-rate-limited');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('Too many stop requests; try again in 42 s.');
    expect(alert).toHaveTextContent('req-rl-1');
    expect(screen.getByRole('dialog', { name: 'Stop migration task?' })).toBeInTheDocument();
    expect(reason).toHaveValue('again'); // kept for the next try
    expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeEnabled();
  });
});
