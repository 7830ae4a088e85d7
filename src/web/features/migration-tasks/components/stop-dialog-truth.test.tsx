// The stop dialog tells the truth: no "in sync" before the full sync has finished, what an
// unfinished full sync means, and a failed stop is neither retried by a second click nor described
// as retried.
import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { buildStats, ids } from '../../../testing/mocks/data';
import { db, findTask, requestsTo } from '../../../testing/mocks/db';
import { apiError, cloudInternalError } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { advance, renderApp, switchLocale, useTestClock, whenSettled } from '../../../testing/test-utils';
import { taskKeys } from '../api/query-keys';
import { STOP_AGAIN_HOLD_MS } from '../hooks/use-reread-after-failed-stop';

const STOP = `/api/migration-tasks/${ids.incremental}/stop`;
const DETAIL = `/api/migration-tasks/${ids.incremental}`;
const STATS = `/api/migration-tasks/${ids.incremental}/stats`;

/** What the console answers when the cloud fails a stop: sent once, never retried. */
const stopCloudError = () =>
  apiError(502, {
    code: 'UPSTREAM_ERROR',
    message: 'The DCS API failed with HTTP 500.',
    upstream: { status: 500, error_code: 'DCS.5000', error_msg: 'Internal service error.' },
  });

/**
 * `ui()` once it finds what it looks for and no read or stop is still on its way: no answer lands,
 * and renders, after the test has moved on.
 */
/** The list, every row of it read, and the dialog of mig-orders-cache, with the progress it reads as it opens. */
async function openDialog(stopLabel = 'Stop mig-orders-cache', title = 'Stop migration task?') {
  const result = renderApp('/targets/sim-region-1');
  const row = await whenSettled(result.queryClient, () => screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === ids.incremental)!);
  await result.user.click(within(row).getByRole('button', { name: stopLabel }));
  const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: title }));
  return { ...result, dialog };
}

/** Opens the dialog, types the name, and presses Stop task once. */
async function stopOnce() {
  const opened = await openDialog();
  const confirm = within(opened.dialog).getByRole('button', { name: 'Stop task' });
  await opened.user.type(within(opened.dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
  await opened.user.click(confirm);
  return { ...opened, confirm };
}

// The stop dialog loads on demand: loaded here, the first test waits no longer.
beforeAll(() => import('./stop-task-dialog'));

describe('the stop dialog during the full sync of an incremental migration', () => {
  useTestClock();

  it('shows the offset as not meaningful yet, and says keys not yet copied will be missing', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), full_migration_progress: '88', offset: '0', source_dbsize: '3432342', target_dbsize: '3020460' });
    const { dialog } = await openDialog();
    const offset = await within(dialog).findByTestId('stop-progress-offset');
    await waitFor(() => expect(offset).toHaveTextContent('— (full sync not finished)'));
    expect(within(dialog).getByTestId('stop-dialog-progress')).not.toHaveTextContent('in sync');
    expect(within(dialog).getByTestId('stop-progress-percent')).toHaveTextContent('88%');
    const consequences = within(dialog).getByTestId('stop-consequences');
    expect(consequences).toHaveTextContent('This is an incremental migration');
    expect(consequences).toHaveTextContent('This task’s full sync has not finished: keys not yet copied will be missing from dcs-orders-cache.');
  });

  it('once the full sync has finished: 0 is in sync, and the missing-keys point is gone', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), full_migration_progress: '100', offset: '0' });
    const { dialog } = await openDialog();
    await waitFor(() => expect(within(dialog).getByTestId('stop-progress-offset')).toHaveTextContent('0 (in sync)'));
    expect(within(dialog).getByTestId('stop-consequences')).not.toHaveTextContent('keys not yet copied will be missing');
  });

  it('without readable progress, a task in FULLMIGRATING still gets the missing-keys point', async () => {
    findTask(ids.incremental)!.status = 'FULLMIGRATING';
    server.use(http.get(STATS, () => cloudInternalError()));
    const { dialog } = await openDialog();
    expect(await within(dialog).findByText(/The latest progress could not be read/)).toBeInTheDocument();
    expect(within(dialog).getByTestId('stop-consequences')).toHaveTextContent('keys not yet copied will be missing from dcs-orders-cache');
  });

  it('speaks Chinese: no 已同步 before the full sync has finished', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), full_migration_progress: '67', offset: '0' });
    await switchLocale('zh-CN');
    try {
      const { dialog } = await openDialog('停止 mig-orders-cache', '停止迁移任务？');
      await waitFor(() => expect(within(dialog).getByTestId('stop-progress-offset')).toHaveTextContent('—（全量迁移未完成）'));
      expect(within(dialog).getByTestId('stop-dialog-progress')).not.toHaveTextContent('已同步');
      expect(within(dialog).getByTestId('stop-consequences')).toHaveTextContent('该任务的全量迁移尚未完成：尚未复制的键将在 dcs-orders-cache 中缺失。');
    } finally {
      await switchLocale('en');
    }
  });
});

describe('a failed stop', () => {
  useTestClock();

  it('holds Stop until the task has been read again: a second click sends no second stop', async () => {
    let failures = 1;
    let releaseRead!: () => void;
    const readHeld = new Promise<void>((resolve) => (releaseRead = resolve));
    server.use(
      http.post(STOP, () => (failures-- > 0 ? stopCloudError() : undefined)),
      http.get(DETAIL, async () => {
        await readHeld;
        return undefined; // on to the usual handler: the task as it is
      }),
    );
    const { user, dialog, confirm, queryClient } = await stopOnce();
    // The failed stop's answer, and every read it caused answered but the read held back above.
    const heldRead = { queryKey: taskKeys.detail({ targetId: 'sim-region-1', taskId: ids.incremental }) };
    const alert = await waitFor(() => {
      expect(queryClient.isFetching() - queryClient.isFetching(heldRead)).toBe(0);
      return within(dialog).getByTestId('error-alert');
    });
    expect(alert).toHaveTextContent('The stop was not accepted');

    // The operator's second click, after the first stop's answer: nothing is sent.
    await user.click(confirm);
    await advance(150);
    await user.click(confirm);
    expect(requestsTo(STOP, 'POST')).toHaveLength(1);
    expect(confirm).toBeDisabled();
    expect(within(dialog).getByRole('textbox', { name: /^Type the task name/ })).toHaveValue('mig-orders-cache');
    expect(within(alert).getByTestId('stop-reread')).toHaveTextContent('Reading the task’s status again before Stop is offered again…');

    // The task is read again after the failed stop; Stop comes back once that answer is in.
    await waitFor(() => expect(requestsTo(DETAIL).length).toBeGreaterThan(0));
    const postAt = requestsTo(STOP, 'POST')[0]!;
    expect(db.requests.indexOf(requestsTo(DETAIL).at(-1)!)).toBeGreaterThan(db.requests.indexOf(postAt));
    releaseRead();
    await advance(STOP_AGAIN_HOLD_MS); // past the hold, however fast the read
    const reread = within(alert).getByTestId('stop-reread');
    await whenSettled(queryClient, () => expect(reread).toHaveAttribute('data-state', 'read'));
    expect(reread).toHaveTextContent('The task’s status, read again after the failed stop:');
    expect(reread).toHaveTextContent('INCRMIGEATING');
    await waitFor(() => expect(confirm).toBeEnabled());

    // A deliberate second stop is still possible.
    await user.click(confirm);
    await waitFor(() => expect(requestsTo(STOP, 'POST')).toHaveLength(2));
    // Accepted this time: the dialog goes and the operator is told.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await whenSettled(queryClient, () => screen.getByText('Stop requested — mig-orders-cache is TERMINATING'));
  });

  it('shows the status read again: a stop that took effect after all withdraws Stop', async () => {
    server.use(
      http.post(STOP, () => {
        findTask(ids.incremental)!.status = 'TERMINATING';
        return stopCloudError();
      }),
    );
    const { dialog, confirm, queryClient } = await stopOnce();
    const reread = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-reread'));
    await advance(STOP_AGAIN_HOLD_MS); // past the hold, however fast the read
    await waitFor(() => expect(reread).toHaveAttribute('data-state', 'read'));
    expect(reread).toHaveTextContent('TERMINATING');
    expect(within(dialog).getByText('A stop is already in progress for this task.')).toBeInTheDocument();
    await advance(1_100);
    expect(confirm).toBeDisabled();
    expect(requestsTo(STOP, 'POST')).toHaveLength(1);
  });

  it('says Stop comes back even when the task cannot be read again', async () => {
    server.use(
      http.post(STOP, () => stopCloudError()),
      http.get(DETAIL, () => apiError(404, { code: 'TASK_NOT_FOUND', message: 'The task does not exist.' })),
    );
    const { dialog, confirm, queryClient } = await stopOnce();
    const reread = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-reread'));
    await advance(STOP_AGAIN_HOLD_MS); // past the hold, however fast the read
    await waitFor(() => expect(reread).toHaveAttribute('data-state', 'failed'));
    expect(reread).toHaveTextContent('The task’s status could not be read again: check it before stopping again.');
    expect(confirm).toBeEnabled();
  });

  it('is not described as retried: the cloud error says the stop was sent once', async () => {
    server.use(http.post(STOP, () => stopCloudError()));
    const { dialog, queryClient } = await stopOnce();
    const alert = await whenSettled(queryClient, () => within(dialog).getByTestId('error-alert'));
    expect(alert).toHaveTextContent('Huawei Cloud answered with an internal error. The console sent this request once and did not retry it.');
    expect(alert).not.toHaveTextContent(/even after/);
    expect(alert).toHaveTextContent('Stops are never retried automatically.');
  });
});
