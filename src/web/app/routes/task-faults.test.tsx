import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../testing/mocks/data';
import { requestsTo } from '../../testing/mocks/db';
import { apiError, cloudInternalError } from '../../testing/mocks/handlers/errors';
import { server } from '../../testing/mocks/node';
import { advance, createTestQueryClient, renderApp, useTestClock } from '../../testing/test-utils';

// The task page when the cloud misbehaves: the task stays on screen, marked stale; each section
// says what failed; nothing spins forever.
const DETAIL = `/api/migration-tasks/${ids.incremental}`;
const STATS = `${DETAIL}/stats`;
const PAGE = `/targets/sim-region-1/tasks/${ids.incremental}`;

describe('the task page when the cloud fails', () => {
  useTestClock();
  // The page is a route loaded on demand: load its code once here, not inside the first test's 1 s wait.
  beforeAll(async () => {
    await import('./task');
  });

  it('keeps the task and its progress on screen, each marked stale, and recovers by itself', async () => {
    renderApp(PAGE);
    const progress = await screen.findByTestId('section-progress');
    await within(progress).findByText('Full sync');
    const broken = { on: true };
    server.use(
      http.get(DETAIL, () => (broken.on ? cloudInternalError('req-detail-5000') : undefined)),
      http.get(STATS, () => (broken.on ? apiError(504, { code: 'UPSTREAM_TIMEOUT', message: 'No answer in 10 s.' }) : undefined)),
    );
    await advance(5_100);

    const banners = await screen.findAllByTestId('stale-data');
    expect(banners).toHaveLength(2);
    const [page, stats] = banners as [HTMLElement, HTMLElement];
    expect(page).toHaveTextContent(/Showing this task from \d+ s ago — the last refresh failed: UPSTREAM_ERROR \(DCS\.5000\)/);
    expect(page).toHaveTextContent('Retrying every 5 s.');
    expect(page).toHaveTextContent('req-detail-5000');
    expect(progress).toContainElement(stats);
    expect(stats).toHaveTextContent(/Showing the progress from \d+ s ago — the last refresh failed: UPSTREAM_TIMEOUT/);
    expect(within(progress).getByText('Full sync')).toBeInTheDocument();
    expect(screen.getByTestId('task-status')).toHaveTextContent('INCRMIGEATING');
    expect(screen.getByRole('heading', { level: 1, name: 'mig-orders-cache' })).toBeInTheDocument();

    broken.on = false;
    await advance(5_100);
    await waitFor(() => expect(screen.queryByTestId('stale-data')).not.toBeInTheDocument());
  });

  it('a first load that fails shows the error at once, while retrying, not a spinner', async () => {
    server.use(http.get(DETAIL, () => apiError(502, { code: 'UPSTREAM_UNREACHABLE', message: 'The cloud could not be reached.' })));
    renderApp(PAGE, { queryClient: createTestQueryClient({ retries: true }) });
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveTextContent('Could not load this migration task');
    expect(alert).toHaveTextContent('UPSTREAM_UNREACHABLE');
    expect(alert).toHaveTextContent('could not reach Huawei Cloud');
    expect(within(alert).getByTestId('retry-plan')).toHaveTextContent('Retrying automatically in 1 s (attempt 2)…');
    expect(screen.queryByText('Loading migration task…')).not.toBeInTheDocument();
    expect(requestsTo(DETAIL)).toHaveLength(1);
    await advance(4_000);
    await waitFor(() => expect(within(alert).getByTestId('retry-plan')).toHaveTextContent('Stopped retrying. Use Retry.'));
    expect(requestsTo(DETAIL)).toHaveLength(3);
  });

  it('the last stop line says when the audit trail cannot be read, with Retry', async () => {
    const broken = { on: true };
    server.use(
      http.get('/api/audit', () => (broken.on ? apiError(500, { code: 'INTERNAL', message: 'The audit store failed.' }) : undefined)),
    );
    const { user } = renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveTextContent('Could not read the last stop from the audit trail');
    expect(alert).toHaveTextContent('INTERNAL');
    expect(alert).toHaveTextContent('HTTP 500');
    expect(screen.getByRole('heading', { level: 1, name: 'mig-legacy-queue' })).toBeInTheDocument();
    broken.on = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('last-stop')).toHaveTextContent(/^Stopped by oncall\.operator/);
    expect(screen.queryByTestId('error-alert')).not.toBeInTheDocument();
  });
});
