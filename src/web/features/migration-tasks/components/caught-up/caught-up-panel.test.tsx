import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { CSRF_HEADER } from '../../../../../api';
import { buildStats, ids } from '../../../../testing/mocks/data';
import { db, findTask, requestsTo } from '../../../../testing/mocks/db';
import { setWatch, waitingWatch, watchOf } from '../../../../testing/mocks/handlers/caught-up';
import { signInAs } from '../../../../testing/mocks/handlers/session';
import { apiError } from '../../../../testing/mocks/handlers/errors';
import { server } from '../../../../testing/mocks/node';
import { renderApp } from '../../../../testing/test-utils';

const WATCH = `/api/migration-tasks/${ids.incremental}/stop-when-caught-up`;
const TARGET = 'sim-region-1';

async function openPanel(taskId: string = ids.incremental) {
  const result = renderApp(`/targets/${TARGET}/tasks/${taskId}`);
  const panel = await screen.findByTestId('section-caught-up', {}, { timeout: 5_000 }); // the task page loads on demand
  return { ...result, panel };
}

type User = ReturnType<typeof renderApp>['user'];

/** The confirm step after "Stop when caught up": the task's name typed, then "Schedule the stop". */
async function confirmSchedule(user: User, panel: HTMLElement, name = 'mig-orders-cache') {
  const confirm = await within(panel).findByRole('group', { name: `Stop ${name} once it has caught up?` });
  await user.click(within(confirm).getByRole('textbox', { name: `Type the task name ${name} to confirm` }));
  await user.paste(name);
  await user.click(within(confirm).getByRole('button', { name: 'Schedule the stop' }));
  return confirm;
}

describe('stop when caught up', () => {
  it('sets a watch with the contract defaults, then shows it live: polls in a row, countdown, who set it', async () => {
    const { user, panel } = await openPanel();
    const form = await within(panel).findByRole('form', { name: 'Stop when caught up' });
    expect(within(form).getByRole('textbox', { name: 'Offset threshold' })).toHaveValue('0');
    expect(within(form).getByRole('textbox', { name: 'Polls in a row' })).toHaveValue('3');
    expect(within(form).getByRole('textbox', { name: 'Poll interval (seconds)' })).toHaveValue('5');
    await user.type(within(form).getByRole('textbox', { name: 'Reason' }), 'Cut-over at 23:00');
    await user.click(within(form).getByRole('button', { name: 'Stop when caught up' }));
    expect(requestsTo(WATCH, 'POST')).toHaveLength(0);
    await confirmSchedule(user, panel);

    await waitFor(() => expect(requestsTo(WATCH, 'POST')).toHaveLength(1));
    const [post] = requestsTo(WATCH, 'POST');
    expect(post!.headers.get(CSRF_HEADER)).toBe(db.session.csrf_token);
    expect(post!.url.searchParams.get('target')).toBe(TARGET);
    await waitFor(() => expect(JSON.parse(post!.body)).toEqual({ threshold: 0, consecutive_polls: 3, poll_interval_s: 5, reason: 'Cut-over at 23:00' }));

    const watch = await within(panel).findByTestId('caught-up-watch');
    expect(within(watch).getByTestId('caught-up-state')).toHaveTextContent('Waiting to catch up');
    expect(watch).toHaveTextContent('0 of 3 polls in a row caught up');
    expect(watch).toHaveTextContent('Set by oncall.operator');
    expect(watch).toHaveTextContent('Cut-over at 23:00');
    expect(within(watch).getByTestId('caught-up-next-poll')).toHaveTextContent(/^in \d s$/);
    expect(within(panel).queryByRole('form')).not.toBeInTheDocument();
  }, 15_000); // typing takes time on a loaded machine

  it('refuses values outside the contract bounds, says why, and sends nothing', async () => {
    const { user, panel } = await openPanel();
    const form = await within(panel).findByRole('form', { name: 'Stop when caught up' });
    const polls = within(form).getByRole('textbox', { name: 'Polls in a row' });
    const interval = within(form).getByRole('textbox', { name: 'Poll interval (seconds)' });
    const threshold = within(form).getByRole('textbox', { name: 'Offset threshold' });
    await user.clear(polls);
    await user.type(polls, '21');
    await user.clear(interval);
    await user.type(interval, '1');
    await user.clear(threshold);
    await user.click(within(form).getByRole('button', { name: 'Stop when caught up' }));
    expect(within(form).getByText('Must be from 1 to 20.')).toBeInTheDocument();
    expect(within(form).getByText('Must be from 2 to 300.')).toBeInTheDocument();
    expect(within(form).getByText('Enter a whole number from 0 to 1,000,000,000.')).toBeInTheDocument();
    expect(polls).toHaveAccessibleDescription(/Must be from 1 to 20\./);
    expect(requestsTo(WATCH, 'POST')).toHaveLength(0);
  });

  it('shows the watch the console keeps, as every visit does (it is server-side)', async () => {
    setWatch(
      waitingWatch(ids.incremental, TARGET, {
        created_by: 'alice',
        consecutive_polls: 4,
        polls_in_a_row: 2,
        threshold: 100,
        last_poll: { at: new Date().toISOString(), status: 'INCRMIGEATING', offset: 12, caught_up: true, error_code: null, error_message: null },
        next_poll_at: new Date(Date.now() + 4000).toISOString(),
      }),
    );
    const { panel, unmount } = await openPanel();
    const watch = await within(panel).findByTestId('caught-up-watch');
    expect(watch).toHaveTextContent('Set by alice');
    expect(watch).toHaveTextContent('2 of 4 polls in a row caught up');
    expect(watch).toHaveTextContent('offset ≤ 100');
    expect(within(watch).getByTestId('caught-up-last-offset')).toHaveTextContent('12');
    expect(within(watch).getByRole('progressbar', { name: '2 of 4 polls in a row caught up' })).toBeInTheDocument();
    unmount();
    const again = await openPanel();
    expect(await within(again.panel).findByTestId('caught-up-watch')).toHaveTextContent('Set by alice');
  });

  it('cancels only after a confirmation, then shows who cancelled it', async () => {
    setWatch(waitingWatch(ids.incremental, TARGET));
    const { user, panel } = await openPanel();
    await user.click(await within(panel).findByRole('button', { name: 'Cancel the watch' }));
    const confirm = within(panel).getByRole('group', { name: 'Confirm cancelling the watch' });
    await user.click(within(confirm).getByRole('button', { name: 'Keep watching' }));
    expect(requestsTo(WATCH, 'DELETE')).toHaveLength(0);

    await user.click(within(panel).getByRole('button', { name: 'Cancel the watch' }));
    await user.click(within(panel).getByRole('button', { name: 'Yes, cancel the watch' }));
    await waitFor(() => expect(requestsTo(WATCH, 'DELETE')).toHaveLength(1));
    expect(requestsTo(WATCH, 'DELETE')[0]!.headers.get(CSRF_HEADER)).toBe(db.session.csrf_token);
    const watch = await within(panel).findByTestId('caught-up-watch');
    await waitFor(() => expect(watch).toHaveAttribute('data-state', 'cancelled'));
    expect(watch).toHaveTextContent('Cancelled by oncall.operator. The task was not stopped.');
    expect(watchOf(ids.incremental)!.state).toBe('cancelled');
    // A new watch can be set again.
    expect(within(panel).getByRole('form', { name: 'Stop when caught up' })).toBeInTheDocument();
  });

  it('says how a watch ended: failed codes translated, unknown codes raw, done with the status', async () => {
    setWatch(waitingWatch(ids.incremental, TARGET, { state: 'failed', failure_code: 'TASK_NOT_STOPPABLE', next_poll_at: null }));
    const first = await openPanel();
    expect(await within(first.panel).findByTestId('caught-up-failure')).toHaveTextContent(
      'The watch ended: the task’s status no longer allows a stop',
    );
    expect(within(first.panel).getByTestId('caught-up-state')).toHaveTextContent('Failed');
    expect(within(first.panel).queryByTestId('caught-up-next-poll')).not.toBeInTheDocument();
    first.unmount();

    setWatch(waitingWatch(ids.incremental, TARGET, { state: 'failed', failure_code: 'SOMETHING_NEWER' }));
    const second = await openPanel();
    expect(await within(second.panel).findByTestId('caught-up-failure')).toHaveTextContent('The watch failed (SOMETHING_NEWER).');
    second.unmount();

    setWatch(
      waitingWatch(ids.incremental, TARGET, {
        state: 'done',
        stop: { audit_record_id: 'a1', at: new Date().toISOString(), outcome: 'accepted', status_after: 'TERMINATING', error_code: null },
      }),
    );
    const third = await openPanel();
    expect(await within(third.panel).findByTestId('caught-up-watch')).toHaveTextContent(
      'The console stopped the task; the cloud answered TERMINATING.',
    );
  });

  it('explains a refusal by its code', async () => {
    server.use(http.post(WATCH, () => apiError(503, { code: 'CAUGHT_UP_WATCH_LIMIT', message: '100 watches are waiting.' })));
    const { user, panel } = await openPanel();
    await user.click(await within(panel).findByRole('button', { name: 'Stop when caught up' }));
    await confirmSchedule(user, panel);
    const alert = await within(panel).findByTestId('caught-up-set-error');
    expect(alert).toHaveTextContent('Too many watches are waiting on this console; try again later.');
    expect(alert).toHaveTextContent('CAUGHT_UP_WATCH_LIMIT');
    expect(within(panel).getByRole('form', { name: 'Stop when caught up' })).toBeInTheDocument();
  });

  it('shows the watch someone else set meanwhile instead of the form', async () => {
    const { user, panel } = await openPanel();
    setWatch(waitingWatch(ids.incremental, TARGET, { created_by: 'bob' }));
    await user.click(await within(panel).findByRole('button', { name: 'Stop when caught up' }));
    await confirmSchedule(user, panel);
    expect(await within(panel).findByTestId('caught-up-watch')).toHaveTextContent('Set by bob');
    expect(within(panel).queryByRole('form')).not.toBeInTheDocument();
  });

  it('shows a viewer the watch, without the form or Cancel', async () => {
    signInAs('viewer');
    setWatch(waitingWatch(ids.incremental, TARGET));
    const { panel } = await openPanel();
    expect(await within(panel).findByTestId('caught-up-watch')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Cancel the watch' })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('form')).not.toBeInTheDocument();
  });

  it('is offered for incremental migrations only', async () => {
    renderApp(`/targets/${TARGET}/tasks/${ids.full}`);
    await screen.findByTestId('section-overview');
    expect(screen.queryByTestId('section-caught-up')).not.toBeInTheDocument();
    expect(requestsTo(`/api/migration-tasks/${ids.full}/stop-when-caught-up`)).toHaveLength(0);
  });

  it('asks for the same guard as a manual stop: nothing is sent until the task name is typed; Back sends nothing', async () => {
    const { user, panel } = await openPanel();
    const form = await within(panel).findByRole('form', { name: 'Stop when caught up' });
    await user.click(within(form).getByRole('button', { name: 'Stop when caught up' }));
    const confirm = within(panel).getByRole('group', { name: 'Stop mig-orders-cache once it has caught up?' });
    expect(confirm).toHaveTextContent('as soon as 3 polls in a row find its offset at or below 0 (one poll every 5 s)');
    const name = within(confirm).getByRole('textbox', { name: 'Type the task name mig-orders-cache to confirm' });
    expect(name).toHaveFocus();
    // The values being confirmed cannot change under the confirmation.
    expect(within(form).getByRole('textbox', { name: 'Offset threshold' })).toBeDisabled();
    const schedule = within(confirm).getByRole('button', { name: 'Schedule the stop' });
    expect(schedule).toBeDisabled();
    await user.type(name, 'mig-orders{Enter}');
    expect(within(confirm).getByText('Does not match the task name yet.')).toBeInTheDocument();
    expect(schedule).toBeDisabled();
    expect(requestsTo(WATCH, 'POST')).toHaveLength(0);

    await user.click(within(confirm).getByRole('button', { name: 'Back' }));
    expect(within(panel).queryByRole('group', { name: /once it has caught up/ })).not.toBeInTheDocument();
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Stop when caught up' })).toHaveFocus());
    expect(within(form).getByRole('textbox', { name: 'Offset threshold' })).toBeEnabled();
    expect(requestsTo(WATCH, 'POST')).toHaveLength(0);
  });

  it('warns when the threshold is at or above the current offset: the task would stop almost at once', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), offset: '100' });
    const { user, panel } = await openPanel();
    const form = await within(panel).findByRole('form', { name: 'Stop when caught up' });
    await user.click(within(form).getByRole('button', { name: 'Stop when caught up' }));
    // Threshold 0 below the offset 100: no warning.
    expect(within(panel).queryByTestId('caught-up-soon-warning')).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Back' }));

    const threshold = within(form).getByRole('textbox', { name: 'Offset threshold' });
    await user.clear(threshold);
    await user.type(threshold, '1000000');
    await user.click(within(form).getByRole('button', { name: 'Stop when caught up' }));
    // 3 polls 5 s apart, the first at once.
    expect(within(panel).getByTestId('caught-up-soon-warning')).toHaveTextContent('the stop would be sent in about 10 s.');
    await user.click(within(panel).getByRole('button', { name: 'Back' }));
    const polls = within(form).getByRole('textbox', { name: 'Polls in a row' });
    await user.clear(polls);
    await user.type(polls, '1');
    const interval = within(form).getByRole('textbox', { name: 'Poll interval (seconds)' });
    await user.clear(interval);
    await user.type(interval, '2');
    await user.click(within(form).getByRole('button', { name: 'Stop when caught up' }));
    const warning = within(panel).getByTestId('caught-up-soon-warning');
    expect(warning).toHaveTextContent('This will stop the task almost at once');
    expect(warning).toHaveTextContent('Its offset is 100 now, already at or below the threshold 1,000,000: the stop would be sent at the first poll, within seconds.');
    expect(within(panel).getByTestId('caught-up-confirm')).toHaveTextContent('as soon as 1 poll finds its offset');
    await confirmSchedule(user, panel);
    await waitFor(() => expect(requestsTo(WATCH, 'POST')).toHaveLength(1));
    expect(JSON.parse(requestsTo(WATCH, 'POST')[0]!.body)).toMatchObject({ threshold: 1_000_000, consecutive_polls: 1, poll_interval_s: 2 });
  }, 15_000);

  it('during the full sync: the confirm says polls wait for the incremental sync, and the watch says why it waits', async () => {
    findTask(ids.incremental)!.status = 'FULLMIGRATING';
    db.stats.set(ids.incremental, { ...buildStats(), full_migration_progress: '40', offset: '0' });
    const { user, panel } = await openPanel();
    await user.click(await within(panel).findByRole('button', { name: 'Stop when caught up' }));
    expect(within(panel).getByTestId('caught-up-full-sync-note')).toHaveTextContent('The task is still in its full sync (40%).');
    expect(within(panel).queryByTestId('caught-up-soon-warning')).not.toBeInTheDocument();
    await confirmSchedule(user, panel);

    setWatch(
      waitingWatch(ids.incremental, TARGET, {
        consecutive_polls: 1,
        last_poll: { at: new Date().toISOString(), status: 'FULLMIGRATING', offset: 0, caught_up: false, error_code: null, error_message: null },
      }),
    );
    const watch = await within(panel).findByTestId('caught-up-watch');
    await waitFor(() => expect(watch).toHaveTextContent('0 of 1 polls in a row caught up'), { timeout: 4_000 });
    // The offset 0 of the full sync is no lag of 0.
    expect(within(watch).getByTestId('caught-up-last-offset')).toHaveTextContent(/^—$/);
    expect(within(watch).getByTestId('caught-up-waiting-reason')).toHaveTextContent(
      'Waiting for the incremental sync to start — full sync 40%. Polls during the full sync do not count.',
    );
  });

  it('says when the last poll found the offset above the threshold', async () => {
    setWatch(
      waitingWatch(ids.incremental, TARGET, {
        threshold: 10,
        last_poll: { at: new Date(Date.now() + 2_000).toISOString(), status: 'INCRMIGEATING', offset: 1234, caught_up: false, error_code: null, error_message: null },
      }),
    );
    const { panel } = await openPanel();
    const watch = await within(panel).findByTestId('caught-up-watch');
    expect(within(watch).getByTestId('caught-up-waiting-reason')).toHaveTextContent('Waiting for the offset to fall to 10 or below (last poll: 1,234).');
    // A poll a little ahead of this browser's clock is no future event.
    expect(watch).toHaveTextContent('just now');
    expect(watch).not.toHaveTextContent(/in \d+ seconds?/);
  });
});
