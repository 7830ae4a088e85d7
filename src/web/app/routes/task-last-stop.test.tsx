import { screen, within } from '@testing-library/react';
import { ids } from '../../testing/mocks/data';
import { auditIds } from '../../testing/mocks/audit';
import { db, findTask, requestsTo } from '../../testing/mocks/db';
import { setWatch, waitingWatch } from '../../testing/mocks/handlers/caught-up';
import { advance, renderApp, useTestClock, whenSettled } from '../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../../features/migration-tasks/api/get-migration-task';
import { CAUGHT_UP_REFRESH_MS } from '../../features/migration-tasks/api/stop-when-caught-up';

const auditRequests = () => requestsTo('/api/audit');

/**
 * `ui()` once it finds what it looks for and no read or stop is still on its way: no answer lands,
 * and renders, after the test has moved on.
 */
describe('the task page’s last stop', () => {
  useTestClock();
  // The task page and the stop dialog load on demand: loaded here, their first test waits no longer.
  beforeAll(() => Promise.all([import('./task'), import('../../features/migration-tasks/components/stop-task-dialog')]));

  it('"Stopped by X, T ago: reason", from the newest audit record of this task on this target', async () => {
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    const line = await whenSettled(queryClient, () => screen.getByTestId('last-stop'));
    expect(line).toHaveTextContent(/^Stopped by oncall\.operator, 2 minutes ago: Cut-over finished; source decommissioned$/);
    expect(within(line).getByText('2 minutes ago')).toHaveAttribute('title', expect.stringMatching(/\d\d:\d\d:\d\d/));
    const sent = auditRequests()[0]!.url.searchParams;
    expect(sent.get('task_id')).toBe(ids.terminated);
    expect(sent.get('target')).toBe('sim-region-1');
    expect(sent.get('limit')).toBe('1');
    expect(screen.getByRole('link', { name: 'All stops of this task' })).toHaveAttribute(
      'href',
      `/activity?task_id=${ids.terminated}&target=sim-region-1`,
    );
  });

  it('says when the last stop was refused, with the DCS code', async () => {
    db.audit = db.audit
      .filter((r) => r.id === auditIds.refused)
      .map((r) => ({ ...r, at: new Date(Date.now() - 5 * 60_000).toISOString() }));
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    expect(await whenSettled(queryClient, () => screen.getByTestId('last-stop'))).toHaveTextContent(
      /^Stop refused \(DCS\.4957\) by alice\.ops, 5 minutes ago: Double-check before the weekend$/,
    );
  });

  it('says when the outcome is unknown', async () => {
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
    expect(await whenSettled(queryClient, () => screen.getByTestId('last-stop'))).toHaveTextContent(
      /^Stop sent \(outcome unknown — check the task\) by alice\.ops, 3 hours ago$/,
    );
  });

  it('shows nothing for a task never stopped from the console', async () => {
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await whenSettled(queryClient, () => {
      screen.getByRole('heading', { level: 1, name: 'mig-orders-cache' });
      expect(auditRequests()).toHaveLength(1);
    });
    expect(screen.queryByTestId('last-stop')).not.toBeInTheDocument();
  });

  it('is read again once a stop from this page has settled, with the reason just given', async () => {
    const { user, queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    // The whole page, its last section (stop when caught up) included.
    await whenSettled(queryClient, () => {
      screen.getByRole('heading', { level: 1, name: 'mig-orders-cache' });
      expect(auditRequests()).toHaveLength(1);
      screen.getByRole('form', { name: 'Stop when caught up' });
    });
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const dialog = await whenSettled(queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
    // An incremental migration: the dialog asks for the task name before it enables Stop.
    await user.type(within(dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Planned cut-over');
    await user.click(within(dialog).getByRole('button', { name: 'Stop task' }));

    // The cloud accepted; the task reads TERMINATING: requested, not yet stopped.
    await whenSettled(queryClient, () =>
      expect(screen.getByTestId('last-stop')).toHaveTextContent(/^Stop requested by oncall\.operator, just now: Planned cut-over$/),
    );
    expect(auditRequests().length).toBeGreaterThanOrEqual(2);
    db.stopCompletesAfterReads = 1;
    await advance(DETAIL_POLL_STOPPING_MS); // the next read of the stopping task says TERMINATED
    await whenSettled(queryClient, () =>
      expect(screen.getByTestId('last-stop')).toHaveTextContent(/^Stopped by oncall\.operator, .+: Planned cut-over$/),
    );
  });

  it('says what the task ended as when it settled otherwise than stopped', async () => {
    findTask(ids.terminated)!.status = 'MIGRATION_FAILED';
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    expect(await whenSettled(queryClient, () => screen.getByTestId('last-stop'))).toHaveTextContent(
      /^Stop requested \(the task ended as MIGRATION_FAILED\) by oncall\.operator, 2 minutes ago: Cut-over finished; source decommissioned$/,
    );
  });

  it('after a stop-when-caught-up watch stopped the task: requested, then "Stopped when caught up", with no click', async () => {
    const scheduled = { ...db.audit[0]!, id: 'c1', task_id: ids.incremental, task_name: 'mig-orders-cache', action: 'caught-up-schedule' as const, reason: 'Cut-over', at: new Date(Date.now() - 60_000).toISOString() };
    db.audit = [scheduled];
    setWatch(waitingWatch(ids.incremental, 'sim-region-1'));
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    expect(await whenSettled(queryClient, () => screen.getByTestId('last-stop'))).toHaveTextContent(/^Stop when caught up scheduled by oncall\.operator, 1 minute ago: Cut-over$/);

    // The console's watch stops the task, as its author.
    const task = findTask(ids.incremental)!;
    task.status = 'TERMINATING';
    db.stopCompletesAfterReads = 2;
    db.audit.push({ ...scheduled, id: 'c2', action: 'caught-up-stop', outcome: 'accepted', status_after: 'TERMINATING', at: new Date().toISOString() });
    setWatch(waitingWatch(ids.incremental, 'sim-region-1', { state: 'done', next_poll_at: null }));

    // The watch's next refresh says it is done: the task is read again, and reads TERMINATING.
    await advance(CAUGHT_UP_REFRESH_MS);
    await whenSettled(queryClient, () =>
      expect(screen.getByTestId('last-stop')).toHaveTextContent(/^Stop requested when caught up by oncall\.operator, just now: Cut-over$/),
    );
    // The next read of the stopping task says TERMINATED.
    await advance(DETAIL_POLL_STOPPING_MS);
    await whenSettled(queryClient, () => expect(screen.getByTestId('task-status')).toHaveTextContent('TERMINATED'));
    await whenSettled(queryClient, () =>
      expect(screen.getByTestId('last-stop')).toHaveTextContent(/^Stopped when caught up by oncall\.operator, just now: Cut-over$/),
    );
  });
});
