import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { CSRF_HEADER } from '../../../../api';
import { ids, session } from '../../../testing/mocks/data';
import { db, findTask, requestsTo } from '../../../testing/mocks/db';
import { apiError } from '../../../testing/mocks/handlers/errors';
import { server } from '../../../testing/mocks/node';
import { renderApp } from '../../../testing/test-utils';
import { confirmStop } from '../testing/stop-dialog';

const STOP = (id: string) => `/api/migration-tasks/${id}/stop`;

async function rowOf(taskId: string) {
  const rows = await screen.findAllByTestId('task-row');
  const row = rows.find((r) => r.dataset.taskId === taskId);
  if (!row) throw new Error(`no row for ${taskId}`);
  return row;
}

/** Holds the stop answer until the test releases it, to observe the pending state. */
function holdStop() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  server.use(
    http.post(STOP(ids.incremental), async () => {
      await gate;
      const task = findTask(ids.incremental)!;
      task.status = 'TERMINATING';
      return HttpResponse.json(task);
    }),
  );
  return release;
}

describe('Stop from the task list', () => {
  it('is disabled for a stopped task, with the reason as its description and on hover', async () => {
    renderApp('/targets/sim-region-1');
    const row = await rowOf(ids.terminated);
    const button = within(row).getByRole('button', { name: 'Stop mig-legacy-queue' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('This task has already been stopped.');
    expect(button.parentElement).toHaveAttribute('title', 'This task has already been stopped.');
  });

  it('is enabled for a migrating task', async () => {
    renderApp('/targets/sim-region-1');
    const row = await rowOf(ids.incremental);
    expect(within(row).getByRole('button', { name: 'Stop mig-orders-cache' })).toBeEnabled();
  });

  it('is hidden when the session may not stop tasks', async () => {
    db.session = { ...session, allowed_actions: ['migrationTask:list', 'migrationTask:get'] };
    renderApp('/targets/sim-region-1');
    await screen.findByTestId('session-summary');
    const row = await rowOf(ids.incremental);
    expect(within(row).queryByRole('button', { name: /^Stop/ })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /^Stop / })).toHaveLength(0);
  });

  it('asks for confirmation naming the task, source → target, method and the consequence', async () => {
    const { user } = renderApp('/targets/sim-region-1');
    await user.click(within(await rowOf(ids.incremental)).getByRole('button', { name: 'Stop mig-orders-cache' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
    expect(dialog).toHaveTextContent('mig-orders-cache');
    expect(dialog).toHaveTextContent(ids.incremental);
    expect(dialog).toHaveTextContent('10.0.1.15:6379 → dcs-orders-cache');
    expect(within(dialog).getByText('Incremental')).toBeInTheDocument();
    const consequences = within(dialog).getByTestId('stop-consequences');
    expect(consequences).toHaveTextContent('writes made to 10.0.1.15:6379 reach dcs-orders-cache only while the task runs');
    expect(consequences).toHaveTextContent('Data already copied stays in dcs-orders-cache');
    expect(consequences).toHaveTextContent('A stopped task cannot be resumed');
    // An incremental migration asks for its name: the first focus is that field, in the footer.
    expect(within(dialog).getByRole('textbox', { name: /^Type the task name/ })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(0);
  });

  it('sends one POST with the CSRF header, shows it pending, then the returned status', async () => {
    const release = holdStop();
    const { user } = renderApp('/targets/sim-region-1');
    await user.click(within(await rowOf(ids.incremental)).getByRole('button', { name: 'Stop mig-orders-cache' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
    const confirm = within(dialog).getByRole('button', { name: 'Stop task' });

    fireEvent.click(confirm);
    fireEvent.click(confirm); // a nervous double click: still one request
    await waitFor(() => expect(confirm).toBeDisabled());
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(confirm).toHaveAttribute('data-loading', 'true');
    await user.click(confirm);

    const posts = requestsTo(STOP(ids.incremental), 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers.get(CSRF_HEADER)).toBe(session.csrf_token);
    expect(posts[0]!.url.searchParams.get('target')).toBe('sim-region-1');
    expect(posts[0]!.headers.get('content-type')).toBe('application/json');
    await waitFor(() => expect(posts[0]!.body).toBe('{}'));

    release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Stop requested — mig-orders-cache is TERMINATING')).toBeInTheDocument();
    const row = await rowOf(ids.incremental);
    expect(within(row).getByText('TERMINATING')).toBeInTheDocument();
    expect(within(row).getByText('Stopping')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Stop mig-orders-cache' })).toBeDisabled();
    expect(requestsTo(STOP(ids.incremental), 'POST')).toHaveLength(1);
  });

  it('keeps the dialog open on a refusal and shows DCS code, message, HTTP status and request ids', async () => {
    server.use(
      http.post(STOP(ids.incremental), () => {
        findTask(ids.incremental)!.status = 'TERMINATED'; // it stopped meanwhile, from elsewhere
        return apiError(400, {
          code: 'STOP_NOT_ALLOWED',
          message: 'The cloud refused to stop the task in its current status.',
          request_id: 'req-console-77',
          upstream: {
            status: 400,
            error_code: 'DCS.4957',
            error_msg: 'This operation is not allowed in the current task state.',
            request_id: 'up-req-4957-abc',
          },
        });
      }),
    );
    const { user } = renderApp('/targets/sim-region-1');
    await user.click(within(await rowOf(ids.incremental)).getByRole('button', { name: 'Stop mig-orders-cache' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
    await confirmStop(user, dialog, 'mig-orders-cache');

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('DCS.4957');
    expect(alert).toHaveTextContent('This operation is not allowed in the current task state.');
    expect(alert).toHaveTextContent('HTTP 400');
    expect(alert).toHaveTextContent('STOP_NOT_ALLOWED');
    expect(alert).toHaveTextContent('req-console-77');
    expect(alert).toHaveTextContent('up-req-4957-abc');

    // The task is fetched again, so the refusal's reason becomes visible.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Stop task' })).toBeDisabled());
    expect(within(dialog).getByText('This task has already been stopped.')).toBeInTheDocument();
    expect((await rowOf(ids.incremental)).querySelector('[data-status]')).toHaveAttribute('data-status', 'TERMINATED');

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
