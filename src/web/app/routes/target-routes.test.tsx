import { act, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../testing/mocks/data';
import { db, requestsTo, taskRequestsFor } from '../../testing/mocks/db';
import { apiError } from '../../testing/mocks/handlers/errors';
import { server } from '../../testing/mocks/node';
import { ids2 } from '../../testing/mocks/targets';
import { renderApp } from '../../testing/test-utils';

const LIST = '/api/migration-tasks';
const DETAIL = (id: string) => `/api/migration-tasks/${id}`;
const taskApiRequests = () => db.requests.filter((r) => r.url.pathname.startsWith('/api/migration-tasks'));

describe('target URLs', () => {
  it('bare `/` is the overview: no redirect, no task list read', async () => {
    const { router } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(await screen.findAllByTestId('overview-target')).toHaveLength(2);
    expect(router.state.location.pathname).toBe('/');
    expect(requestsTo(LIST)).toHaveLength(0);
  });

  it('an old list link `/?status=FAILED` still opens the first target\'s list, filtered', async () => {
    const { router } = renderApp('/?status=FAILED');
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-1'));
    expect(router.state.location.search).toBe('?status=FAILED');
    expect(router.state.historyAction).toBe('REPLACE');
    expect(await screen.findByTestId('task-count')).toHaveTextContent('6 tasks match');
    expect(requestsTo(LIST).at(-1)!.url.searchParams.get('status')).toBe('FAILED');
    expect(screen.queryByTestId('overview-target')).not.toBeInTheDocument();
  });

  it('`/` with the list\'s params redirects, replacing the entry, to the first target with the query string kept', async () => {
    const { router } = renderApp('/?name=orders');
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-1'));
    expect(router.state.location.search).toBe('?name=orders');
    expect(router.state.historyAction).toBe('REPLACE');
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    const sent = requestsTo(LIST).at(-1)!.url.searchParams;
    expect(sent.get('target')).toBe('sim-region-1');
    expect(sent.get('name')).toBe('orders');
  });

  it('the first target is the first the console lists', async () => {
    db.targets.reverse();
    const { router } = renderApp('/?page=1');
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-2'));
    expect(await screen.findByRole('link', { name: 'mig-eu-inventory' })).toBeInTheDocument();
  });

  it('old `/tasks/:taskId` links open the task on the first target', async () => {
    const { router } = renderApp(`/tasks/${ids.incremental}`);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/targets/sim-region-1/tasks/${ids.incremental}`));
    expect(router.state.historyAction).toBe('REPLACE');
    expect(await screen.findByRole('heading', { level: 1, name: 'mig-orders-cache' })).toBeInTheDocument();
    expect(requestsTo(DETAIL(ids.incremental))[0]!.url.searchParams.get('target')).toBe('sim-region-1');
  });

  it('a deep link to another target\'s task reads it, its progress and its way back from that target', async () => {
    renderApp(`/targets/sim-region-2/tasks/${ids2.inventory}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'mig-eu-inventory' })).toBeInTheDocument();
    expect(await within(screen.getByTestId('section-progress')).findByText('100%')).toBeInTheDocument();
    expect(requestsTo(DETAIL(ids2.inventory)).map((r) => r.url.searchParams.get('target'))).toEqual(['sim-region-2']);
    expect(requestsTo(`${DETAIL(ids2.inventory)}/stats`)[0]!.url.searchParams.get('target')).toBe('sim-region-2');
    expect(screen.getByRole('link', { name: '← All migration tasks' })).toHaveAttribute('href', '/targets/sim-region-2');
    expect(screen.getByRole('combobox', { name: 'Target' })).toHaveValue('sim-region-2');
    expect(taskRequestsFor('sim-region-1')).toHaveLength(0);
  });

  it('keeps each target\'s cache apart, even for the same task id', async () => {
    const { router } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await screen.findByRole('heading', { level: 1, name: 'mig-orders-cache' });
    await act(() => router.navigate(`/targets/sim-region-2/tasks/${ids2.shared}`));
    expect(screen.queryByRole('heading', { level: 1, name: 'mig-orders-cache' })).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'mig-eu-orders-cache' })).toBeInTheDocument();
    expect(requestsTo(DETAIL(ids.incremental)).at(-1)!.url.searchParams.get('target')).toBe('sim-region-2');
  });

  it('an unknown target gets a clear view listing the configured ones, and no task request', async () => {
    const { user, router } = renderApp(`/targets/no-such-region/tasks/${ids.incremental}`);
    expect(await screen.findByRole('heading', { name: 'Unknown target no-such-region' })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Configured targets' });
    expect(within(list).getByRole('link', { name: 'Simulated region 1' })).toHaveAttribute('href', '/targets/sim-region-1');
    expect(within(list).getByRole('link', { name: 'Simulated region 2' })).toHaveAttribute('href', '/targets/sim-region-2');
    expect(screen.queryByTestId('demo-banner')).not.toBeInTheDocument();
    expect(taskApiRequests()).toHaveLength(0);

    await user.click(within(list).getByRole('link', { name: 'Simulated region 2' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-2'));
    expect(await screen.findAllByTestId('task-row')).toHaveLength(4);
    expect(taskApiRequests().every((r) => r.url.searchParams.get('target') === 'sim-region-2')).toBe(true);
  });

  it('says so, with a working Retry, when the targets cannot be loaded', async () => {
    server.use(http.get('/api/targets', () => apiError(503, { code: 'INTERNAL', message: 'Targets are down.' })));
    const { user } = renderApp('/?size=10');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the console’s targets');
    expect(alert).toHaveTextContent('Targets are down.');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('task-row')).toHaveLength(10);
    expect(taskApiRequests().every((r) => r.url.searchParams.get('target') === 'sim-region-1')).toBe(true);
  });
});
