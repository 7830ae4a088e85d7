import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { buildMovingTasks, ids } from '../../../../testing/mocks/data';
import { db, findTask, requestsTo } from '../../../../testing/mocks/db';
import { apiError } from '../../../../testing/mocks/handlers/errors';
import { signInAs } from '../../../../testing/mocks/handlers/session';
import { server } from '../../../../testing/mocks/node';
import { TARGET_1 } from '../../../../testing/mocks/targets';
import { advance, renderApp, useTestClock, settled } from '../../../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../../api/get-migration-task';
import { BATCH_NOTIFICATION_UPDATE_MS } from './batch-follow';

const BATCH = '/api/migration-tasks/batch-stop';
const batchBodies = () => requestsTo(BATCH, 'POST').map((r) => JSON.parse(r.body) as { task_ids: string[]; reason?: string });
const row = (taskId: string) => screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === taskId)!;
const checkboxOf = (taskId: string) => within(row(taskId)).getByRole('checkbox');
const bar = () => screen.getByTestId('batch-bar');
const reportRow = (taskId: string) => screen.getAllByTestId('batch-report-row').find((r) => r.dataset.taskId === taskId)!;


/** Until no read or stop is on its way: no answer lands after the test has moved on (or ended), outside act. */
/** Moves the clock to the follower's next read of the stopping tasks (every 2 s), and waits for the answers. */
async function nextStoppingRead(queryClient: QueryClient) {
  await advance(DETAIL_POLL_STOPPING_MS);
  await settled(queryClient);
}

/**
 * The test clock; and a query's answer reaches React in a microtask as it lands, not at the clock's next step
 * (TanStack's setTimeout(0), a fake timer here, would fire after a wait has already handed back: a render outside act).
 */
function useClock() {
  useTestClock();
}

async function openList(path = '/targets/sim-region-1') {
  const app = renderApp(path);
  await screen.findAllByTestId('task-row');
  return app;
}

// The batch dialog loads on first use: here, not inside a test's wait.
beforeAll(async () => {
  await import('./batch-stop-dialog');
});

describe('batch stop: selection', () => {
  useClock();

  it('offers a checkbox only for stoppable tasks; the others say why to screen readers', async () => {
    const { queryClient } = await openList();
    for (const id of [ids.incremental, ids.full, ids.importing]) expect(checkboxOf(id)).toBeEnabled();
    for (const id of [ids.terminated, ids.succeeded, ids.unknown]) expect(checkboxOf(id)).toBeDisabled();
    expect(checkboxOf(ids.terminated)).toHaveAccessibleDescription(
      'Cannot be selected: a task in status Stopped (TERMINATED) cannot be stopped.',
    );
    expect(checkboxOf(ids.unknown)).toHaveAccessibleDescription(/PAUSED_BY_OPS/);
    expect(within(bar()).getByText('Select stoppable tasks to stop several at once.')).toBeInTheDocument();
    expect(within(bar()).queryByRole('button', { name: /^Stop/ })).not.toBeInTheDocument();
    await settled(queryClient);
  });

  it('counts what is selected; select-all takes the stoppable tasks of the page and shows a partial selection', async () => {
    const { user, queryClient } = await openList();
    const all = screen.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' });
    await user.click(checkboxOf(ids.full));
    expect(within(bar()).getByText('1 selected')).toBeInTheDocument();
    expect(all).toBePartiallyChecked();

    await user.click(all);
    expect(within(bar()).getByText('3 selected')).toBeInTheDocument();
    expect(all).toBeChecked();
    expect(checkboxOf(ids.terminated)).not.toBeChecked();
    expect(within(bar()).getByRole('button', { name: 'Stop 3 tasks' })).toBeInTheDocument();

    await user.click(all);
    expect(within(bar()).getByText('Select stoppable tasks to stop several at once.')).toBeInTheDocument();
    await settled(queryClient);
  });

  it('shows no selection and no batch action to a viewer', async () => {
    signInAs('viewer');
    const { queryClient } = await openList();
    await screen.findByTestId('session-summary');
    expect(screen.queryAllByRole('checkbox', { name: /^Select/ })).toHaveLength(0);
    expect(screen.queryByTestId('batch-bar')).not.toBeInTheDocument();
    await settled(queryClient);
  });
});

describe('batch stop: confirm, send, report, follow', () => {
  useClock();
  afterEach(() => vi.restoreAllMocks());

  it('lists every task, asks for the count when an incremental migration is among them, and reports a mixed result', async () => {
    db.stopCompletesAfterReads = 2;
    const show = vi.spyOn(notifications, 'show');
    const { user, queryClient } = await openList();
    await user.click(screen.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }));
    await user.click(within(bar()).getByRole('button', { name: 'Stop 3 tasks' }));

    const dialog = await screen.findByRole('dialog', { name: 'Stop 3 migration tasks?' });
    const list = within(dialog).getByTestId('batch-task-list');
    for (const name of ['mig-orders-cache', 'mig-session-store', 'import-orders-backup']) expect(within(list).getByText(name)).toBeInTheDocument();
    expect(within(list).getByText('10.0.1.15:6379 → dcs-orders-cache')).toBeInTheDocument();
    expect(within(dialog).getByText(/cannot be resumed/)).toBeInTheDocument();

    const stop = within(dialog).getByRole('button', { name: 'Stop 3 tasks' });
    expect(stop).toBeDisabled();
    const typeCount = within(dialog).getByLabelText('Type 3 to confirm');
    await user.type(typeCount, '2');
    expect(stop).toBeDisabled();
    await user.clear(typeCount);
    await user.type(typeCount, '3');
    await user.type(within(dialog).getByLabelText('Reason'), 'Cut-over done');
    // Meanwhile the session store finished by itself: the cloud will refuse its stop.
    findTask(ids.full)!.status = 'SUCCESS';
    await user.click(stop);

    expect(await within(dialog).findByTestId('batch-report')).toBeInTheDocument();
    expect(batchBodies()).toEqual([{ task_ids: [ids.incremental, ids.full, ids.importing], reason: 'Cut-over done' }]);
    expect(requestsTo(BATCH, 'POST')[0]!.url.searchParams.get('target')).toBe('sim-region-1');
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent('2 accepted1 refused');
    expect(reportRow(ids.full)).toHaveTextContent('Refused');
    expect(reportRow(ids.full)).toHaveTextContent('DCS.4957 The operation is not allowed in the current state of the task.');
    expect(reportRow(ids.incremental)).toHaveTextContent('Accepted');
    await waitFor(() => expect(reportRow(ids.full)).toHaveTextContent('SUCCESS')); // read again: why it was refused

    // Followed until settled, as a single stop is: the report's status turns TERMINATED, and the operator is told
    // once for the batch (batch-follow.test.tsx tells the rest), not once per task. The tasks stop after two reads
    // since the stop: the follower's next two (every 2 s).
    await nextStoppingRead(queryClient);
    await nextStoppingRead(queryClient);
    await waitFor(() => expect(reportRow(ids.incremental)).toHaveTextContent('TERMINATED'));
    await waitFor(() => expect(reportRow(ids.importing)).toHaveTextContent('Settled'));
    await advance(BATCH_NOTIFICATION_UPDATE_MS);
    await waitFor(() => expect(show.mock.calls.map(([n]) => n.title)).toEqual(['Stopping 3 tasks', '2 stopped, 1 not stopped']));

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(bar()).getByText('Select stoppable tasks to stop several at once.')).toBeInTheDocument();
    await settled(queryClient);
  }, 20_000);

  it('sends more than 50 tasks in batches of at most 50, one after the other, with progress', async () => {
    db.tasks[TARGET_1] = buildMovingTasks(75);
    server.use(http.post(BATCH, () => delay(150))); // slows each batch, then the usual handler answers
    const { user, queryClient } = await openList('/targets/sim-region-1?size=50');
    await user.click(screen.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }));
    await user.click(screen.getByRole('button', { name: 'Page 2' }));
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(25));
    await user.click(screen.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }));
    expect(within(bar()).getByText('75 selected')).toBeInTheDocument();

    await user.click(within(bar()).getByRole('button', { name: 'Stop 75 tasks' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop 75 migration tasks?' }, { timeout: 5000 });
    expect(within(dialog).queryByLabelText(/to confirm/)).not.toBeInTheDocument(); // no incremental migration
    await user.click(within(dialog).getByRole('button', { name: 'Stop 75 tasks' }));
    expect(await within(dialog).findByText('Sending batch 2 of 2…', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(await within(dialog).findByTestId('batch-report', {}, { timeout: 8000 })).toBeInTheDocument();

    const sizes = batchBodies().map((body) => body.task_ids.length);
    expect(sizes).toEqual([50, 25]);
    expect(new Set(batchBodies().flatMap((body) => body.task_ids)).size).toBe(75);
    expect(batchBodies()[0]).not.toHaveProperty('reason');
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent('75 accepted');
    await settled(queryClient);
  }, 30_000);

  it('explains a refused request by its code and does not send the later batches', async () => {
    db.tasks[TARGET_1] = buildMovingTasks(60);
    server.use(
      http.post(BATCH, () =>
        apiError(429, { code: 'RATE_LIMITED', message: 'Too many stop requests.', request_id: 'req-batch-429' }),
      ),
    );
    const { user, queryClient } = await openList('/targets/sim-region-1?size=100');
    await user.click(screen.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }));
    await user.click(within(bar()).getByRole('button', { name: 'Stop 60 tasks' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop 60 migration tasks?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop 60 tasks' }));

    const failure = await within(dialog).findByTestId('batch-request-failure');
    expect(failure).toHaveTextContent('You have sent too many stop requests in a short time.');
    expect(failure).toHaveTextContent('RATE_LIMITED');
    expect(failure).toHaveTextContent('req-batch-429');
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent('50 not stopped10 not sent');
    expect(requestsTo(BATCH, 'POST')).toHaveLength(1);
    expect(screen.queryByTestId('batch-notification')).not.toBeInTheDocument(); // nothing to follow: the report says it all
    // Nothing was applied, so the tasks stay selectable.
    expect(findTask('bb000001-0000-4000-8000-000000000000')!.status).toBe('FULLMIGRATING');
    await settled(queryClient);
  });

  it('follows the tasks of a batch whose answer was lost, since the stop may have been applied', async () => {
    server.use(http.post(BATCH, () => HttpResponse.error()));
    const show = vi.spyOn(notifications, 'show');
    const { user, queryClient } = await openList();
    await user.click(checkboxOf(ids.full));
    await user.click(within(bar()).getByRole('button', { name: 'Stop 1 task' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop 1 migration task?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop 1 task' }));
    await within(dialog).findByTestId('batch-report');
    expect(reportRow(ids.full)).toHaveTextContent('Outcome unknown');
    await nextStoppingRead(queryClient); // the follower's first read after the loss: the stop was not applied
    await waitFor(() => expect(reportRow(ids.full)).toHaveTextContent('Settled'));
    // Told by the batch's notification, not by the single stop's "was apparently not applied".
    await advance(BATCH_NOTIFICATION_UPDATE_MS);
    await waitFor(() => expect(show.mock.calls.map(([n]) => n.title)).toEqual(['Stopping 1 task', '0 stopped, 1 not stopped']));
    expect(screen.getByTestId('batch-notification')).toHaveTextContent('Not stopped: mig-session-store.');
    // The task still reads FULLMIGRATING: the stop was not applied, so it can be selected again.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(checkboxOf(ids.full)).toBeEnabled());
    await settled(queryClient);
  });

  it('checks the reason with the single stop’s rule before anything is sent', async () => {
    const { user, queryClient } = await openList();
    await user.click(checkboxOf(ids.full));
    await user.click(within(bar()).getByRole('button', { name: 'Stop 1 task' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop 1 migration task?' });
    await user.click(within(dialog).getByLabelText('Reason'));
    await user.paste('x'.repeat(501));
    expect(within(dialog).getByText('Too long: at most 500 characters (501 now).')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Stop 1 task' })).toBeDisabled();
    expect(requestsTo(BATCH, 'POST')).toHaveLength(0);
    await settled(queryClient);
  });
});
