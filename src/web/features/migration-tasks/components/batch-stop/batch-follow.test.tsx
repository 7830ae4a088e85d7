import type { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { buildMovingTasks, ids } from '../../../../testing/mocks/data';
import { db, findTask } from '../../../../testing/mocks/db';
import { TARGET_1 } from '../../../../testing/mocks/targets';
import { advance, renderApp, useTestClock, settled } from '../../../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../../api/get-migration-task';
import { BATCH_NOTIFICATION_UPDATE_MS } from './batch-follow';
import { SYSTEM_NOTIFICATIONS_KEY } from '../../lib/system-notifications';

const SELECT_ALL = 'Select all stoppable tasks on this page';
const bar = () => screen.getByTestId('batch-bar');
const row = (taskId: string) => screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === taskId)!;

/** Every in-app notification on screen (Mantine's), whatever it is about. */
const shownNotifications = () => document.querySelectorAll('.mantine-Notification-root');
const batchNotification = () => screen.getByTestId('batch-notification');
const titleOf = (notification: HTMLElement) => notification.querySelector('.mantine-Notification-title')?.textContent;
const textOf = (notification: HTMLElement) => within(notification).getByTestId('batch-notification-text').textContent;


/** Until no read or stop is on its way: no answer lands after the test has moved on (or ended), outside act. */
/** Moves the clock to the follower's next read of the stopping tasks and, once they are answered, past the notification's update. */
async function nextRead(queryClient: QueryClient) {
  await advance(DETAIL_POLL_STOPPING_MS);
  await settled(queryClient);
  await advance(BATCH_NOTIFICATION_UPDATE_MS);
}

const observers: MutationObserver[] = [];
afterEach(() => observers.splice(0).forEach((observer) => observer.disconnect()));

/** The most notifications seen on screen at any one moment since the call. */
function watchNotificationCount(): () => number {
  let most = 0;
  const observer = new MutationObserver(() => (most = Math.max(most, shownNotifications().length)));
  observer.observe(document.body, { childList: true, subtree: true });
  observers.push(observer);
  return () => most;
}

/** Opens the batch dialog for what is selected, confirms (typing the count when asked) and waits for the report. */
async function stopSelected(user: UserEvent, count: number) {
  await user.click(within(bar()).getByRole('button', { name: `Stop ${count} task${count === 1 ? '' : 's'}` }));
  const dialog = await screen.findByRole('dialog', { name: `Stop ${count} migration task${count === 1 ? '' : 's'}?` }, { timeout: 5000 });
  const typeCount = within(dialog).queryByLabelText(`Type ${count} to confirm`);
  if (typeCount) await user.type(typeCount, String(count));
  await user.click(within(dialog).getByRole('button', { name: `Stop ${count} task${count === 1 ? '' : 's'}` }));
  await within(dialog).findByTestId('batch-report', {}, { timeout: 5000 });
  return dialog;
}

async function openList(path = '/targets/sim-region-1') {
  const app = renderApp(path);
  await screen.findAllByTestId('task-row');
  return app;
}

describe('batch stop: one notification per batch', () => {
  useTestClock();
  // The batch dialog loads on first use: here, not inside a test's wait.
  beforeAll(async () => {
    await import('./batch-stop-dialog');
  });

  it('updates one notification in place as the tasks settle and ends naming the refused one', async () => {
    const mostShown = watchNotificationCount();
    const { user, queryClient } = await openList();
    await user.click(screen.getByRole('checkbox', { name: SELECT_ALL }));
    findTask(ids.full)!.status = 'SUCCESS'; // finished by itself meanwhile: the cloud refuses its stop
    const dialog = await stopSelected(user, 3);

    const notification = await screen.findByTestId('batch-notification');
    expect(titleOf(notification)).toBe('Stopping 3 tasks');
    expect(textOf(notification)).toBe('0 stopped, 2 still stopping, 1 not stopped');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));

    findTask(ids.incremental)!.status = 'TERMINATED';
    await nextRead(queryClient);
    await waitFor(() => expect(textOf(notification)).toBe('1 stopped, 1 still stopping, 1 not stopped'));
    expect(batchNotification()).toBe(notification); // the same notification, updated

    findTask(ids.importing)!.status = 'TERMINATED';
    await nextRead(queryClient);
    await waitFor(() => expect(titleOf(notification)).toBe('2 stopped, 1 not stopped'));
    expect(textOf(notification)).toBe('Not stopped: mig-session-store.');
    expect(batchNotification()).toBe(notification);
    expect(shownNotifications()).toHaveLength(1);
    expect(mostShown()).toBe(1);

    // The report again, though its dialog is closed.
    await user.click(within(notification).getByRole('button', { name: 'Show report' }));
    const report = await screen.findByRole('dialog', { name: 'Batch stop report' });
    const refused = within(report).getAllByTestId('batch-report-row').find((r) => r.dataset.taskId === ids.full)!;
    expect(refused).toHaveTextContent('Refused');
    expect(refused).toHaveTextContent('DCS.4957');
    await settled(queryClient);
  }, 20_000);

  it('tells a batch of 12 in one notification; beyond three names it counts the rest', async () => {
    db.tasks[TARGET_1] = buildMovingTasks(12);
    db.stopCompletesAfterReads = 1;
    const mostShown = watchNotificationCount();
    const { user, queryClient } = await openList('/targets/sim-region-1?size=20');
    await user.click(screen.getByRole('checkbox', { name: SELECT_ALL }));
    const refusedIds = ['001', '002', '003', '007', '012'].map((n) => `bb000${n}-0000-4000-8000-000000000000`);
    for (const id of refusedIds) findTask(id)!.status = 'SUCCESS';
    await stopSelected(user, 12);

    await nextRead(queryClient);
    await waitFor(() => expect(titleOf(batchNotification())).toBe('7 stopped, 5 not stopped'));
    expect(textOf(batchNotification())).toBe('Not stopped: mig-bulk-001, mig-bulk-002, mig-bulk-003 and 2 more.');
    expect(mostShown()).toBe(1);
    await settled(queryClient);
  }, 20_000);

  it('says "N tasks stopped" when all stopped, in one browser notification when they are on', async () => {
    const shown: { title: string; body?: string }[] = [];
    vi.stubGlobal(
      'Notification',
      class {
        static permission = 'granted';
        constructor(title: string, options: NotificationOptions = {}) {
          shown.push({ title, body: options.body });
        }
      },
    );
    window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    try {
      db.stopCompletesAfterReads = 1;
      const { user, queryClient } = await openList();
      await user.click(within(row(ids.full)).getByRole('checkbox'));
      await user.click(within(row(ids.importing)).getByRole('checkbox'));
      await stopSelected(user, 2);

      await nextRead(queryClient);
      await waitFor(() => expect(titleOf(batchNotification())).toBe('2 tasks stopped'));
      expect(textOf(batchNotification())).toBe('Every task of the batch has stopped (TERMINATED).');
      expect(shown).toEqual([{ title: '2 tasks stopped', body: 'Every task of the batch has stopped (TERMINATED).' }]);
      await settled(queryClient);
    } finally {
      vi.unstubAllGlobals();
      window.localStorage.removeItem(SYSTEM_NOTIFICATIONS_KEY);
    }
  }, 15_000);

  it('keeps a dismissed progress away, but brings the summary back', async () => {
    const { user, queryClient } = await openList();
    await user.click(within(row(ids.full)).getByRole('checkbox'));
    await user.click(within(row(ids.importing)).getByRole('checkbox'));
    const dialog = await stopSelected(user, 2);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));

    await user.click(within(await screen.findByTestId('batch-notification')).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByTestId('batch-notification')).not.toBeInTheDocument());
    findTask(ids.full)!.status = 'TERMINATED';
    await nextRead(queryClient); // a poll and an update later: still dismissed
    expect(screen.queryByTestId('batch-notification')).not.toBeInTheDocument();

    findTask(ids.importing)!.status = 'TERMINATED';
    await nextRead(queryClient);
    await waitFor(() => expect(titleOf(batchNotification())).toBe('2 tasks stopped'));
    await settled(queryClient);
  }, 20_000);
});
