import { screen, waitFor, within } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { db, findTask } from '../../../testing/mocks/db';
import { advance, renderApp, useTestClock, settled } from '../../../testing/test-utils';
import { DETAIL_POLL_CHANGING_MS, DETAIL_POLL_STOPPING_MS } from '../api/get-migration-task';
import { SYSTEM_NOTIFICATIONS_KEY } from '../lib/system-notifications';
import { confirmStop } from '../testing/stop-dialog';

interface Shown {
  title: string;
  body?: string;
  tag?: string;
}

/** A stand-in for the browser's Notification API, with the permission the test gives it. */
function stubNotifications(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: Shown[] = [];
  const requestPermission = vi.fn(() => {
    FakeNotification.permission = answer;
    return Promise.resolve(answer);
  });
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = requestPermission;
    constructor(title: string, options: NotificationOptions = {}) {
      shown.push({ title, body: options.body, tag: options.tag });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, requestPermission };
}

/** Until no read or stop is on its way: no answer lands after the test has moved on (or ended), outside act. */
/** A task's page, once every section of it has loaded. */
async function openTask(taskId: string) {
  const app = renderApp(`/targets/sim-region-1/tasks/${taskId}`);
  await screen.findByTestId('task-status');
  await settled(app.queryClient);
  return app;
}

describe('browser notifications', () => {
  useTestClock();
  // The task page and the stop dialog load on first use: here, not inside a test's wait.
  beforeAll(async () => {
    await Promise.all([import('../../../app/routes/task'), import('./stop-task-dialog')]);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.localStorage.removeItem(SYSTEM_NOTIFICATIONS_KEY);
  });

  it('are off until the operator turns them on: no permission is asked on load', async () => {
    const { requestPermission } = stubNotifications('default');
    const { user } = await openTask(ids.incremental);
    const control = screen.getByTestId('system-notifications');
    expect(control).toHaveAttribute('data-state', 'off');
    expect(requestPermission).not.toHaveBeenCalled();

    await user.click(within(control).getByRole('button', { name: 'Turn on browser notifications' }));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(control).toHaveAttribute('data-state', 'on'));
    expect(window.localStorage.getItem(SYSTEM_NOTIFICATIONS_KEY)).toBe('on');
    await user.click(within(control).getByRole('button', { name: 'Turn off browser notifications' }));
    expect(control).toHaveAttribute('data-state', 'off');
    expect(window.localStorage.getItem(SYSTEM_NOTIFICATIONS_KEY)).toBeNull();
  });

  it('tell the operator when a followed stop completes', async () => {
    const { shown } = stubNotifications('granted');
    window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    db.stopCompletesAfterReads = 1;
    const { user, queryClient } = await openTask(ids.incremental);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await confirmStop(user, await screen.findByRole('dialog', { name: 'Stop migration task?' }), 'mig-orders-cache');
    await advance(DETAIL_POLL_STOPPING_MS); // the first read since the stop: TERMINATED
    await waitFor(() => expect(shown).toContainEqual(expect.objectContaining({ title: 'mig-orders-cache has stopped (TERMINATED)' })));
    expect(shown.filter((n) => n.title === 'mig-orders-cache has stopped (TERMINATED)')).toHaveLength(1); // once
    await settled(queryClient);
  }, 10_000);

  it('tell the operator when the open task fails', async () => {
    const { shown } = stubNotifications('granted');
    window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    const { queryClient } = await openTask(ids.full);
    expect(shown).toHaveLength(0); // opening a page says nothing
    findTask(ids.full)!.status = 'MIGRATION_FAILED';
    await advance(DETAIL_POLL_CHANGING_MS); // the page's next read of the migrating task
    await waitFor(() => expect(shown).toEqual([expect.objectContaining({ title: 'mig-session-store failed' })]));
    expect(shown[0]!.body).toBe('The migration task is now Migration failed (MIGRATION_FAILED).');
    await settled(queryClient);
  }, 10_000);

  it('respect a permission the browser denied: nothing shown, the control says how to allow it', async () => {
    const { shown, requestPermission } = stubNotifications('denied');
    window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    const { queryClient } = await openTask(ids.full);
    const control = screen.getByTestId('system-notifications');
    expect(control).toHaveAttribute('data-state', 'denied');
    expect(control).toHaveTextContent('Blocked by your browser');
    expect(within(control).queryByRole('button')).not.toBeInTheDocument();
    findTask(ids.full)!.status = 'FAILED';
    await advance(DETAIL_POLL_CHANGING_MS); // the page's next read of the migrating task
    await waitFor(() => expect(screen.getByTestId('task-status')).toHaveAttribute('data-status', 'FAILED'));
    expect(shown).toHaveLength(0);
    expect(requestPermission).not.toHaveBeenCalled();
    await settled(queryClient);
  }, 10_000);

  it('stay silent without the opt-in, even when the browser would allow them', async () => {
    const { shown } = stubNotifications('granted');
    const { queryClient } = await openTask(ids.full);
    findTask(ids.full)!.status = 'FAILED';
    await advance(DETAIL_POLL_CHANGING_MS); // the page's next read of the migrating task
    await waitFor(() => expect(screen.getByTestId('task-status')).toHaveAttribute('data-status', 'FAILED'));
    expect(shown).toHaveLength(0);
    await settled(queryClient);
  }, 10_000);
});
