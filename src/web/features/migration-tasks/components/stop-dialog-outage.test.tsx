// The stop dialog when the cloud stops answering, and where the dialog puts what matters: how old
// its data is, a plain "not answering" state (Stop still possible), the outcome of a stop at the
// top, one message per state, the target in its title line, a footer with the confirmation and the
// actions that never scrolls away and sits above notifications, first focus, and Enter to confirm.
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { render } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { apiError } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { advance, renderApp, switchLocale, useTestClock, whenSettled } from '../../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../api/get-migration-task';
import { STATS_POLL_MS } from '../api/get-migration-task-stats';
import { STOP_DIALOG_Z_INDEX } from './stop-task-dialog';

const STOP = (id: string) => `/api/migration-tasks/${id}/stop`;
const DETAIL = (id: string) => `/api/migration-tasks/${id}`;
const STATS = (id: string) => `/api/migration-tasks/${id}/stats`;
const NOT_ANSWERING = 'The cloud is not answering';

const unreachable = () =>
  apiError(502, { code: 'UPSTREAM_UNREACHABLE', message: 'The console could not reach Huawei Cloud.' });

/** Every read of the task (detail, progress) fails from now on, as when the cloud is down. */
function cloudDown(taskId: string) {
  server.use(
    http.get(DETAIL(taskId), () => unreachable()),
    http.get(STATS(taskId), () => unreachable()),
  );
}

/** The task page of `taskId`, read, and its stop dialog open. */
async function openOnPage(taskId: string) {
  const result = renderApp(`/targets/sim-region-1/tasks/${taskId}`);
  const stop = await whenSettled(result.queryClient, () => screen.getByRole('button', { name: 'Stop' }));
  await result.user.click(stop);
  const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
  return { ...result, dialog };
}

describe('the stop dialog when the cloud stops answering', () => {
  useTestClock();
  // The task page and the stop dialog load on demand: loaded here, their first test waits no longer.
  beforeAll(() => Promise.all([import('../../../app/routes/task'), import('./stop-task-dialog')]));

  it('shows how old the progress is, says the cloud is not answering, and still lets the operator stop', async () => {
    const { dialog, user, queryClient } = await openOnPage(ids.full);
    expect(within(dialog).getByTestId('stop-data-age')).toHaveTextContent(/^Progress read \d+ s ago$/);
    expect(within(dialog).queryByText(NOT_ANSWERING)).not.toBeInTheDocument();

    cloudDown(ids.full);
    // Eight polls of the progress fail: the figures shown are about 40 s old.
    for (let i = 0; i < 8; i += 1) await advance(STATS_POLL_MS);
    const alert = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-cloud-not-answering'));
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent(NOT_ANSWERING);
    expect(alert).toHaveTextContent(/the status and progress shown were read 4\d s ago and may be out of date/);
    expect(alert).toHaveTextContent('You can still stop the task.');
    expect(within(dialog).getByTestId('stop-data-age')).toHaveTextContent(/^Progress read 4\d s ago$/);
    // The figures read before the outage are still shown, marked by their age.
    expect(within(dialog).getByTestId('stop-progress-percent')).not.toHaveTextContent('—');

    // Stop is still possible; its answer is lost: the outcome is shown first, at the top of the body.
    server.use(http.post(STOP(ids.full), () => HttpResponse.error()));
    const confirm = within(dialog).getByRole('button', { name: 'Stop task' });
    expect(confirm).toBeEnabled();
    const scroll = within(dialog).getByTestId('stop-dialog-scroll');
    scroll.scrollTop = 300; // the operator had scrolled down to the reason
    await user.click(confirm);
    const outcome = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-unknown'));
    expect(scroll.scrollTop).toBe(0);
    expect(scroll.firstElementChild!.firstElementChild).toBe(outcome);
    expect(outcome.compareDocumentPosition(within(dialog).getByTestId('stop-dialog-task-name')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // One state at a time: the outcome alert speaks for the outage now.
    expect(within(dialog).queryByTestId('stop-cloud-not-answering')).not.toBeInTheDocument();
    expect(requestsTo(STOP(ids.full), 'POST')).toHaveLength(1);
  });

  it('for a stop whose outcome was unknown, then learned: one message per state', async () => {
    const { dialog, user, queryClient } = await openOnPage(ids.full);
    let failures = 0;
    server.use(
      http.post(STOP(ids.full), () => {
        failures = 1;
        return HttpResponse.error();
      }),
      http.get(DETAIL(ids.full), () => (failures-- > 0 ? unreachable() : undefined)),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Stop task' }));
    const outcome = await whenSettled(queryClient, () => within(dialog).getByTestId('stop-outcome-unknown'));
    expect(outcome).toHaveAttribute('data-state', 'unknown');
    expect(outcome).toHaveTextContent('Outcome of the stop unknown');
    expect(outcome).toHaveTextContent('Do not stop again yet');
    expect(outcome).not.toHaveTextContent('Stop is available again');

    await advance(DETAIL_POLL_STOPPING_MS + 100);
    await advance(DETAIL_POLL_STOPPING_MS);
    await whenSettled(queryClient, () => expect(outcome).toHaveAttribute('data-state', 'not-applied'));
    expect(outcome).toHaveTextContent('The stop was apparently not applied');
    expect(outcome).toHaveTextContent('Stop is available again.');
    expect(outcome).not.toHaveTextContent('Do not stop again yet');
    expect(outcome).not.toHaveTextContent('Checking the task');
    expect(findTask(ids.full)!.status).toBe('FULLMIGRATING');
  });

  it('in Chinese: the age and the not-answering state', async () => {
    await switchLocale('zh-CN');
    try {
      const result = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
      const stop = await whenSettled(result.queryClient, () => screen.getByRole('button', { name: '停止' }));
      await result.user.click(stop);
      const dialog = await whenSettled(result.queryClient, () => screen.getByRole('dialog', { name: '停止迁移任务？' }));
      expect(within(dialog).getByTestId('stop-dialog-target')).toHaveTextContent('目标：Simulated region 1 · ap-southeast-1');
      cloudDown(ids.full);
      for (let i = 0; i < 8; i += 1) await advance(STATS_POLL_MS);
      const alert = await whenSettled(result.queryClient, () => within(dialog).getByTestId('stop-cloud-not-answering'));
      expect(alert).toHaveTextContent('云服务没有响应');
      expect(alert).toHaveTextContent(/所显示的状态和进度读取于 4\d 秒前/);
      expect(within(dialog).getByTestId('stop-data-age')).toHaveTextContent(/^进度读取于 4\d 秒前$/);
    } finally {
      await switchLocale('en');
    }
  });
});

describe('the stop dialog’s layout', () => {
  useTestClock();
  beforeAll(() => Promise.all([import('../../../app/routes/task'), import('./stop-task-dialog')]));

  it('names the target in its title line; the confirmation and the actions sit in a footer outside the scrolling body', async () => {
    const { dialog } = await openOnPage(ids.incremental);
    const header = dialog.querySelector('.mantine-Modal-header')!;
    expect(within(header as HTMLElement).getByTestId('stop-dialog-target')).toHaveTextContent('on Simulated region 1 · ap-southeast-1');
    expect(dialog).toHaveAccessibleName('Stop migration task?');

    const scroll = within(dialog).getByTestId('stop-dialog-scroll');
    const footer = within(dialog).getByTestId('stop-dialog-footer');
    expect(scroll).toHaveStyle({ overflowY: 'auto', minHeight: '0px' });
    expect(footer).toHaveStyle({ flex: 'none' });
    expect(scroll.contains(footer)).toBe(false);
    expect(scroll.nextElementSibling).toBe(footer);
    for (const control of [
      within(dialog).getByRole('textbox', { name: /^Type the task name/ }),
      within(dialog).getByRole('button', { name: 'Cancel' }),
      within(dialog).getByRole('button', { name: 'Stop task' }),
    ]) {
      expect(footer).toContainElement(control);
    }
    // The content is a column that never scrolls itself: only the body does.
    // (The dialog element is the content.)
    expect(dialog).toHaveAttribute('data-testid', 'stop-dialog-content');
    expect(dialog).toHaveStyle({ display: 'flex', flexDirection: 'column', overflow: 'hidden' });
  });

  it('sits above the notifications, so none covers its actions', async () => {
    const { dialog } = await openOnPage(ids.full);
    const root = dialog.closest('.mantine-Modal-root') as HTMLElement;
    expect(root.style.getPropertyValue('--mb-z-index')).toBe(String(STOP_DIALOG_Z_INDEX));

    // Mantine's notifications, as the app renders them: their z-index is below the dialog's.
    const { container } = render(
      <MantineProvider>
        <Notifications position="bottom-right" withinPortal={false} />
      </MantineProvider>,
    );
    const notifications = container.querySelector('.mantine-Notifications-root') as HTMLElement;
    const notificationsZ = Number(notifications.style.getPropertyValue('--notifications-z-index'));
    expect(notificationsZ).toBeGreaterThan(0);
    expect(STOP_DIALOG_Z_INDEX).toBeGreaterThan(notificationsZ);
  });

  it('focuses the name field first (in the footer), and Enter there stops only once the name matches', async () => {
    const { dialog, user } = await openOnPage(ids.incremental);
    const typed = within(dialog).getByRole('textbox', { name: /^Type the task name/ });
    await waitFor(() => expect(typed).toHaveFocus());

    await user.type(typed, 'mig-orders{Enter}');
    expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(0);
    await user.type(typed, '-cache{Enter}');
    await waitFor(() => expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('without a name to type: focuses Cancel, in the footer', async () => {
    const { dialog } = await openOnPage(ids.full);
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    await waitFor(() => expect(cancel).toHaveFocus());
    expect(within(dialog).getByTestId('stop-dialog-footer')).toContainElement(cancel);
  });
});
