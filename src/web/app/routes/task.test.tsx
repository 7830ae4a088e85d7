import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ids } from '../../testing/mocks/data';
import { db, findTask, requestsTo } from '../../testing/mocks/db';
import { apiError } from '../../testing/mocks/handlers/errors';
import { server } from '../../testing/mocks/node';
import { advance, renderApp, useTestClock } from '../../testing/test-utils';
import { DETAIL_POLL_STOPPING_MS } from '../../features/migration-tasks/api/get-migration-task';
import { confirmStop } from '../../features/migration-tasks/testing/stop-dialog';

const DETAIL = (id: string) => `/api/migration-tasks/${id}`;
const section = (testId: string) => screen.getByTestId(testId);

describe('task page', () => {
  useTestClock();
  // The page is a route loaded on demand: load its code once here, not inside the first test's 1 s wait.
  beforeAll(async () => {
    await import('./task');
  });

  it('shows the header and every section of an online migration', async () => {
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'mig-orders-cache' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Copy task id ${ids.incremental}` })).toBeInTheDocument();
    expect(screen.getByTestId('task-status')).toHaveTextContent('INCRMIGEATING');
    expect(screen.getByTestId('task-status')).toHaveTextContent('Incremental sync');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeEnabled();

    const overview = section('section-overview');
    expect(overview).toHaveTextContent('Online (online_migration)');
    expect(overview).toHaveTextContent('Incremental (incremental_migration)');
    expect(overview).toHaveTextContent('VPC (vpc)');
    expect(overview).toHaveTextContent('6.0.21');
    expect(overview).toHaveTextContent('200 MB/s');
    expect(overview).toHaveTextContent('Move orders-cache to DCS');

    const source = section('section-source-instance');
    expect(source).toHaveTextContent('10.0.1.15:6379');
    expect(source).toHaveTextContent(/Password\s*set/);
    expect(source).toHaveTextContent('Name—'); // self-hosted source: no name

    const target = section('section-target-instance');
    expect(target).toHaveTextContent('dcs-orders-cache');
    expect(target).toHaveTextContent('192.168.0.101:6379');
    expect(target).toHaveTextContent(/Password\s*not set/);

    expect(section('section-network')).toHaveTextContent('4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9');
    expect(section('section-network')).toHaveTextContent('192.168.10.21');
    expect(section('section-timestamps')).toHaveTextContent(/Created\s*\d{2} Nov 2025/);
    expect(screen.queryByTestId('section-backup-files')).not.toBeInTheDocument();
    expect(section('section-other-fields')).toHaveTextContent('The cloud sent no fields beyond those shown above.');

    const progress = section('section-progress');
    expect(await within(progress).findByText('100%')).toBeInTheDocument();
    expect(within(progress).getByRole('progressbar', { name: 'Full sync progress' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    expect(progress).toHaveTextContent('0 (in sync)');
    expect(progress).toHaveTextContent('1,254,032');
    expect(progress).toHaveTextContent('1,254,029');
    expect(progress).toHaveTextContent('1,840 ops/s');
    expect(progress).toHaveTextContent('312.5 KB/s');
  });

  it('shows backup files for an import, and does not ask for progress', async () => {
    renderApp(`/targets/sim-region-1/tasks/${ids.importing}`);
    const files = await screen.findByTestId('section-backup-files');
    expect(files).toHaveTextContent('OBS bucket (self_build_obs)');
    expect(files).toHaveTextContent('redis-backups-prod');
    expect(within(files).getByText('orders-2025-11-20.rdb')).toBeInTheDocument();
    expect(within(files).getByText('1.5 GB')).toBeInTheDocument();
    expect(within(files).getByText('5 MB')).toBeInTheDocument();
    expect(section('section-progress')).toHaveTextContent('Progress is not available for backup imports.');
    expect(section('section-source-instance')).toHaveTextContent('A backup import reads backup files');
    expect(requestsTo(`${DETAIL(ids.importing)}/stats`)).toHaveLength(0);
  });

  it('never prints a password, even if one slips into the answer', async () => {
    const task = findTask(ids.incremental)!;
    task.source_instance = { ...task.source_instance, password: 'S3cr3t-Pa55w0rd!' };
    Object.assign(task, { new_cloud_block: { nested: { redis_password: 'An0ther-S3cret' }, kept: 'visible-value' } });
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await screen.findByRole('heading', { level: 1, name: 'mig-orders-cache' });
    await within(section('section-progress')).findByText('100%');
    expect(document.body.textContent).not.toContain('S3cr3t-Pa55w0rd!');
    expect(document.body.textContent).not.toContain('An0ther-S3cret');
    expect(section('section-other-fields')).toHaveTextContent('visible-value');
  });

  it('shows fields the UI does not know, raw', async () => {
    Object.assign(findTask(ids.incremental)!, {
      migration_window: '02:00-04:00',
      throttle_policy: { max_ops: 5000, burst: true },
    });
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    const other = await screen.findByTestId('section-other-fields');
    const table = within(other).getByTestId('unknown-fields');
    expect(within(table).getByText('migration_window')).toBeInTheDocument();
    expect(within(table).getByText('"02:00-04:00"')).toBeInTheDocument();
    expect(within(table).getByText('throttle_policy')).toBeInTheDocument();
    expect(table).toHaveTextContent('"max_ops": 5000');
  });

  it('renders an unknown status and an unknown method raw without crashing', async () => {
    Object.assign(findTask(ids.unknown)!, { migration_method: 'hybrid_migration' });
    renderApp(`/targets/sim-region-1/tasks/${ids.unknown}`);
    const status = await screen.findByTestId('task-status');
    expect(status).toHaveTextContent('Unknown status');
    expect(status).toHaveTextContent('PAUSED_BY_OPS');
    expect(section('section-overview')).toHaveTextContent('hybrid_migration');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled();
  });

  it('shows a real not-found view for an unknown task', async () => {
    const missing = 'ffffffff-0000-4000-8000-000000000000';
    renderApp(`/targets/sim-region-1/tasks/${missing}`);
    expect(await screen.findByTestId('task-not-found')).toHaveTextContent(`Migration task ${missing} was not found`);
    expect(screen.getByRole('link', { name: 'Back to all migration tasks' })).toHaveAttribute(
      'href',
      '/targets/sim-region-1',
    );
  });

  it('does not call the API for an id that cannot be valid', async () => {
    renderApp('/targets/sim-region-1/tasks/not%20an%20id');
    expect(await screen.findByText('Not a valid task id')).toBeInTheDocument();
    expect(db.requests.filter((r) => r.url.pathname.startsWith('/api/migration-tasks/'))).toHaveLength(0);
  });

  it('shows other errors with their code and a working Retry', async () => {
    server.use(
      http.get(DETAIL(ids.incremental), () =>
        apiError(429, { code: 'UPSTREAM_THROTTLED', message: 'Huawei Cloud is throttling.', request_id: 'req-thr-9' }),
      ),
    );
    const { user } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('UPSTREAM_THROTTLED');
    expect(alert).toHaveTextContent('req-thr-9');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'mig-orders-cache' })).toBeInTheDocument();
  });

  it('shows a progress error in place without breaking the page', async () => {
    server.use(
      http.get(`${DETAIL(ids.incremental)}/stats`, () =>
        apiError(502, { code: 'UPSTREAM_UNREACHABLE', message: 'The cloud could not be reached.' }),
      ),
    );
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    const progress = await screen.findByTestId('section-progress');
    expect(await within(progress).findByRole('alert')).toHaveTextContent('UPSTREAM_UNREACHABLE');
    expect(section('section-overview')).toBeInTheDocument();
    expect(screen.getByTestId('task-status')).toHaveTextContent('INCRMIGEATING');
  });

  it('links back to the list with the filters the operator came from', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?name=orders');
    await user.click(await screen.findByRole('link', { name: 'mig-orders-cache' }));
    expect(router.state.location.pathname).toBe(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await user.click(await screen.findByRole('link', { name: '← All migration tasks' }));
    await waitFor(() => expect(router.state.location.search).toBe('?name=orders'));
    expect(router.state.location.pathname).toBe('/targets/sim-region-1');
  });

  it('stops the task: returned status and instance details at once, then follows it until it has stopped', async () => {
    db.stopCompletesAfterReads = 1;
    server.use(
      http.post(`${DETAIL(ids.incremental)}/stop`, ({ request }) => {
        const task = findTask(ids.incremental)!;
        task.status = 'TERMINATING';
        db.readsSinceStop.set(task, 0);
        expect(request.headers.get('x-csrf-token')).toBe(db.session.csrf_token);
        // What the cloud returned, marked so the test can tell it from a later read.
        const returned = structuredClone(task);
        returned.target_instance = { ...returned.target_instance, task_status: 'STOPPING_SYNC' };
        return HttpResponse.json(returned);
      }),
    );
    const { user } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
    await confirmStop(user, dialog, 'mig-orders-cache');

    await waitFor(() => expect(screen.getByTestId('task-status')).toHaveTextContent('TERMINATING'));
    expect(screen.getByTestId('task-status')).toHaveTextContent('Stopping');
    expect(section('section-target-instance')).toHaveTextContent('STOPPING_SYNC');
    expect(screen.getByTestId('stop-progress')).toHaveTextContent(
      /Stop requested at \d\d:\d\d:\d\d; following the task until it has stopped…/,
    );
    expect(screen.getByText('Stop requested — mig-orders-cache is TERMINATING')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled();

    // Polling every 2 s while stopping: the next read says TERMINATED.
    await advance(DETAIL_POLL_STOPPING_MS);
    await waitFor(() => expect(screen.getByTestId('task-status')).toHaveTextContent('TERMINATED'));
    expect(await screen.findByText('mig-orders-cache has stopped (TERMINATED)')).toBeInTheDocument();
    expect(screen.getByTestId('stop-progress')).toHaveTextContent(/Stopped at \d\d:\d\d:\d\d\./);

    // Settled: polling stops and the notification is not repeated.
    const reads = requestsTo(DETAIL(ids.incremental)).length;
    await advance(2_500);
    expect(requestsTo(DETAIL(ids.incremental)).length).toBe(reads);
    expect(screen.getAllByText('mig-orders-cache has stopped (TERMINATED)')).toHaveLength(1);
  }, 15_000);
});
