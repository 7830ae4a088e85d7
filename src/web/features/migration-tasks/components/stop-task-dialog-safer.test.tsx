import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { buildStats, ids } from '../../../testing/mocks/data';
import { db, requestsTo } from '../../../testing/mocks/db';
import { cloudInternalError } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { advance, renderApp, switchLocale, useTestClock, whenSettled } from '../../../testing/test-utils';
import { STATS_POLL_MS } from '../api/get-migration-task-stats';

const STOP = (id: string) => `/api/migration-tasks/${id}/stop`;
const STATS = (id: string) => `/api/migration-tasks/${id}/stats`;

/**
 * `ui()` once it finds what it looks for and no read or stop is still on its way: no answer lands,
 * and renders, after the test has moved on.
 */
/** The list, every row of it read, and the dialog of the row of `taskId`, with the progress it reads as it opens. */
async function openFromList(taskId: string, name: string) {
  const result = renderApp('/targets/sim-region-1');
  const row = await whenSettled(result.queryClient, () => screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === taskId)!);
  await result.user.click(within(row).getByRole('button', { name: `Stop ${name}` }));
  const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
  return { ...result, dialog, confirm: within(dialog).getByRole('button', { name: 'Stop task' }) };
}

describe('the safer stop dialog', () => {
  useTestClock();
  // The stop dialog loads on demand: loaded here, the first test waits no longer.
  beforeAll(() => import('./stop-task-dialog'));

  it('asks for the exact task name of an incremental migration before Stop is offered', async () => {
    const { user, dialog, confirm, queryClient } = await openFromList(ids.incremental, 'mig-orders-cache');
    const typed = within(dialog).getByRole('textbox', { name: 'Type the task name mig-orders-cache to confirm' });
    expect(typed).toHaveAccessibleDescription(/Type the name exactly as shown/);
    expect(confirm).toBeDisabled();

    // The wrong names are pasted, the right one typed: each keystroke renders the whole dialog,
    // and 42 of them took more than 20 s in jsdom on a 2-core machine with one core busy.
    await user.click(typed);
    await user.paste('mig-orders');
    expect(confirm).toBeDisabled();
    expect(within(dialog).getByText('Does not match the task name yet.')).toBeInTheDocument();
    await user.clear(typed);
    await user.paste('MIG-ORDERS-CACHE'); // case matters
    expect(confirm).toBeDisabled();
    await user.click(confirm);
    expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(0);

    await user.clear(typed);
    await user.type(typed, 'mig-orders-cache');
    expect(confirm).toBeEnabled();
    expect(within(dialog).queryByText('Does not match the task name yet.')).not.toBeInTheDocument();
    await user.click(confirm);
    await waitFor(() => expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(1));
    // Accepted: the dialog goes and the operator is told.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await whenSettled(queryClient, () => screen.getByText('Stop requested — mig-orders-cache is TERMINATING'));
  });

  it('starts empty again after Cancel', async () => {
    const { user, dialog, queryClient } = await openFromList(ids.incremental, 'mig-orders-cache');
    await user.type(within(dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const row = screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === ids.incremental)!;
    await user.click(within(row).getByRole('button', { name: 'Stop mig-orders-cache' }));
    const again = await whenSettled(queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
    expect(within(again).getByRole('textbox', { name: /^Type the task name/ })).toHaveValue('');
    expect(within(again).getByRole('button', { name: 'Stop task' })).toBeDisabled();
  });

  it('gives focus back to the Stop button that opened it', async () => {
    const { user, dialog } = await openFromList(ids.incremental, 'mig-orders-cache');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const row = screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === ids.incremental)!;
    await waitFor(() => expect(within(row).getByRole('button', { name: 'Stop mig-orders-cache' })).toHaveFocus());
  });

  it('does not ask for the name of a full migration, and says what stopping it means', async () => {
    const { dialog, confirm } = await openFromList(ids.full, 'mig-session-store');
    expect(within(dialog).queryByRole('textbox', { name: /^Type the task name/ })).not.toBeInTheDocument();
    expect(confirm).toBeEnabled();
    expect(within(dialog).getByTestId('stop-consequences')).toHaveTextContent(
      'This is a full migration: copying from 10.0.2.15:6379 to dcs-session-store ends where it is now',
    );
  });

  it('shows the latest progress (offset, keys in source and target, full sync) and refreshes it while open', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), offset: '4200', source_dbsize: '1000', target_dbsize: '990', full_migration_progress: '100' });
    const { dialog, queryClient } = await openFromList(ids.incremental, 'mig-orders-cache');
    const progress = within(dialog).getByTestId('stop-dialog-progress');
    await waitFor(() => expect(within(progress).getByTestId('stop-progress-offset')).toHaveTextContent('4,200'));
    expect(within(progress).getByTestId('stop-progress-source-keys')).toHaveTextContent('1,000');
    expect(within(progress).getByTestId('stop-progress-target-keys')).toHaveTextContent('990');
    expect(within(progress).getByTestId('stop-progress-percent')).toHaveTextContent('100%');

    const reads = requestsTo(STATS(ids.incremental)).length;
    db.stats.set(ids.incremental, { ...buildStats(), offset: '0' });
    await advance(STATS_POLL_MS);
    await whenSettled(queryClient, () => expect(within(progress).getByTestId('stop-progress-offset')).toHaveTextContent('0 (in sync)'));
    expect(requestsTo(STATS(ids.incremental)).length).toBeGreaterThan(reads);
  });

  it('says so when the progress cannot be read, and still lets the operator stop', async () => {
    server.use(http.get(STATS(ids.incremental), () => cloudInternalError()));
    const { user, dialog, confirm } = await openFromList(ids.incremental, 'mig-orders-cache');
    expect(await within(dialog).findByText(/The latest progress could not be read/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
    expect(confirm).toBeEnabled();
  });

  it('speaks Chinese: the consequences, the name to type and the button', async () => {
    await switchLocale('zh-CN');
    try {
      const result = renderApp('/targets/sim-region-1');
      const row = await whenSettled(result.queryClient, () => screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === ids.incremental)!);
      await result.user.click(within(row).getByRole('button', { name: '停止 mig-orders-cache' }));
      const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: '停止迁移任务？' }));
      expect(within(dialog).getByTestId('stop-consequences')).toHaveTextContent('这是增量迁移');
      const typed = within(dialog).getByRole('textbox', { name: '输入任务名称 mig-orders-cache 以确认' });
      await result.user.type(typed, 'mig-orders-cache');
      expect(within(dialog).getByRole('button', { name: '停止任务' })).toBeEnabled();
    } finally {
      await switchLocale('en');
    }
  });
});
