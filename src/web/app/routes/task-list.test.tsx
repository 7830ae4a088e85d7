import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ids } from '../../testing/mocks/data';
import { db, requestsTo } from '../../testing/mocks/db';
import { apiError } from '../../testing/mocks/handlers/errors';
import { TARGET_1 } from '../../testing/mocks/targets';
import { server } from '../../testing/mocks/node';
import { renderApp, switchLocale, useTestClock } from '../../testing/test-utils';

const LIST = '/api/migration-tasks';
const lastListRequest = () => requestsTo(LIST).at(-1)?.url.searchParams;
/** The list shows the answer to its last request, not the previous page kept on screen while it loads. */
const listLoaded = () => waitFor(() => expect(screen.getByRole('table')).not.toHaveAttribute('aria-busy'));

describe('task list page', () => {
  useTestClock();

  it('shows rows, the total count, plain-language statuses and raw DCS values', async () => {
    renderApp('/targets/sim-region-1');
    const rows = await screen.findAllByTestId('task-row');
    expect(rows).toHaveLength(10);
    expect(screen.getByTestId('task-count')).toHaveTextContent('24 tasks');

    const first = rows[0]!;
    expect(within(first).getByRole('link', { name: 'mig-orders-cache' })).toHaveAttribute(
      'href',
      `/targets/sim-region-1/tasks/${ids.incremental}`,
    );
    expect(within(first).getByText('Incremental sync')).toBeInTheDocument();
    expect(within(first).getByText('INCRMIGEATING')).toBeInTheDocument();
    expect(within(first).getByText('Online')).toBeInTheDocument();
    expect(within(first).getByText('Incremental')).toBeInTheDocument();
    expect(within(first).getByText('10.0.1.15:6379 → dcs-orders-cache')).toBeInTheDocument();
    // Short id shown, full id available for copying.
    expect(within(first).getByText('8f2c1a3e…')).toHaveAttribute('title', ids.incremental);
    expect(within(first).getByRole('button', { name: new RegExp(`^Copy task id ${ids.incremental}$`, 'i') })).toBeInTheDocument();

    const importRow = rows[2]!;
    expect(within(importRow).getByText('Backup import')).toBeInTheDocument();
    expect(within(importRow).getByText('redis-backups-prod → dcs-import-orders-backup')).toBeInTheDocument();

    expect(lastListRequest()?.get('offset')).toBe('0');
    expect(lastListRequest()?.get('limit')).toBe('10');
    expect(lastListRequest()?.get('target')).toBe('sim-region-1');
  });

  it('renders an unknown status raw, in a grey "Unknown status" badge, without crashing', async () => {
    renderApp('/targets/sim-region-1');
    const row = (await screen.findAllByTestId('task-row')).find((r) => r.dataset.taskId === ids.unknown)!;
    expect(within(row).getByText('Unknown status')).toBeInTheDocument();
    expect(within(row).getByText('PAUSED_BY_OPS')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Stop mig-pricing-cache' })).toBeDisabled();
  });

  it('sends the typed name as the `name` query parameter after a pause, and keeps it in the URL', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    await user.type(screen.getByLabelText('Search by name'), 'orders');
    await waitFor(() => expect(lastListRequest()?.get('name')).toBe('orders'));
    // Debounced: one request for the whole word, not one per key press.
    expect(requestsTo(LIST).filter((r) => r.url.searchParams.has('name'))).toHaveLength(1);
    expect(router.state.location.search).toBe('?name=orders');
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    expect(screen.getByTestId('task-count')).toHaveTextContent('2 tasks match');
  });

  it('sends the chosen statuses as the `status` query parameter', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const statuses = screen.getByRole('group', { name: 'Status' });
    await user.click(within(statuses).getByRole('checkbox', { name: 'Stopped (TERMINATED)' }));
    await user.click(within(statuses).getByRole('checkbox', { name: 'Incremental sync (INCRMIGEATING)' }));
    await waitFor(() => expect(lastListRequest()?.get('status')).toBe('TERMINATED,INCRMIGEATING'));
    expect(router.state.location.search).toBe('?status=TERMINATED%2CINCRMIGEATING');
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
  });

  it('keeps a status from a link that it does not know, visible and removable', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?status=PAUSED_BY_OPS');
    await screen.findAllByTestId('task-row');
    const unknown = screen.getByRole('checkbox', { name: 'Unknown (PAUSED_BY_OPS)' });
    expect(unknown).toBeChecked();
    await user.click(unknown);
    await waitFor(() => expect(router.state.location.search).toBe(''));
    await listLoaded();
  });

  it('sorts on the server over the whole list, keeps the order in the URL, and back restores the view', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?page=2');
    await screen.findAllByTestId('task-row');
    await user.selectOptions(screen.getByLabelText('Sort'), 'Name: Z → A');
    await waitFor(() => expect(lastListRequest()?.get('sort')).toBe('name_desc'));
    expect(lastListRequest()?.get('offset')).toBe('0'); // a new order starts at page 1
    expect(router.state.location.search).toBe('?sort=name_desc');
    await waitFor(() => expect(screen.getAllByTestId('task-row')[0]).toHaveTextContent('mig-session-store'));

    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=3&sort=name_desc'));
    await waitFor(() => expect(lastListRequest()?.get('offset')).toBe('20'));
    expect(lastListRequest()?.get('sort')).toBe('name_desc');

    await act(() => router.navigate(-1));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=name_desc'));
    await act(() => router.navigate(-1));
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
    await waitFor(() => expect(screen.getByLabelText('Sort')).toHaveDisplayValue('As the cloud lists them'));
    await waitFor(() => expect(lastListRequest()?.has('sort')).toBe(false));
    expect(lastListRequest()?.get('offset')).toBe('10');
    await listLoaded();
  });

  it('reads every part of the view from a deep link, and ignores an order it does not know', async () => {
    renderApp('/targets/sim-region-1?name=mig&status=SUCCESS,FAILED&sort=oldest&page=2&size=10');
    await screen.findAllByTestId('task-row');
    const params = lastListRequest()!;
    expect(Object.fromEntries(params)).toMatchObject({ name: 'mig', status: 'SUCCESS,FAILED', sort: 'oldest', offset: '10', limit: '10' });
    expect(screen.getByLabelText('Sort')).toHaveValue('oldest');
    expect(screen.getByRole('checkbox', { name: 'Succeeded (SUCCESS)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Failed (FAILED, MIGRATION_FAILED)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Stopped (TERMINATED)' })).not.toBeChecked();

    const bad = renderApp('/targets/sim-region-1?sort=random');
    await waitFor(() => expect(lastListRequest()?.has('sort')).toBe(false));
    bad.unmount();
  });

  it('speaks Simplified Chinese', async () => {
    await switchLocale('zh-CN');
    try {
      renderApp('/targets/sim-region-1');
      await screen.findAllByTestId('task-row');
      expect(screen.getByRole('heading', { level: 1, name: '迁移任务' })).toBeInTheDocument();
      expect(screen.getByTestId('task-count')).toHaveTextContent('共 24 个任务');
      expect(screen.getByLabelText('按名称搜索')).toBeInTheDocument();
      expect(screen.getByLabelText('排序')).toHaveDisplayValue('按云服务返回顺序');
      expect(screen.getByText('第 1–10 条，共 24 条')).toBeInTheDocument();
      expect(screen.getByTestId('batch-bar')).toHaveTextContent('勾选可停止的任务，即可批量停止。');
    } finally {
      await switchLocale('en');
    }
  });

  it('pages with offset/limit and changes the page size', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    await waitFor(() => expect(lastListRequest()?.get('offset')).toBe('20'));
    expect(router.state.location.search).toBe('?page=3');
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(4));
    expect(screen.getByText('Showing 21–24 of 24')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Rows per page'), '20');
    await waitFor(() => expect(lastListRequest()?.get('limit')).toBe('20'));
    expect(lastListRequest()?.get('offset')).toBe('0');
    expect(router.state.location.search).toBe('?size=20');
    await listLoaded();
  });

  it('reads filters and page from a deep link', async () => {
    renderApp('/targets/sim-region-1?name=mig-batch&page=2&size=10');
    await screen.findAllByTestId('task-row');
    expect(lastListRequest()?.get('name')).toBe('mig-batch');
    expect(lastListRequest()?.get('offset')).toBe('10');
    expect(screen.getByLabelText('Search by name')).toHaveValue('mig-batch');
  });

  it('tells "nothing matches" apart from "no tasks at all", and clears filters', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?name=does-not-exist');
    expect(await screen.findByText('No migration tasks match')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(await screen.findAllByTestId('task-row')).toHaveLength(10);
    expect(screen.getByLabelText('Search by name')).toHaveValue('');
  });

  it('says so when the project has no tasks at all', async () => {
    db.tasks[TARGET_1] = [];
    renderApp('/targets/sim-region-1');
    expect(await screen.findByText('No migration tasks yet')).toBeInTheDocument();
    expect(screen.queryByText('No migration tasks match')).not.toBeInTheDocument();
  });

  it('shows loading skeleton rows first', async () => {
    renderApp('/targets/sim-region-1');
    expect((await screen.findAllByTestId('task-row-skeleton')).length).toBeGreaterThan(0);
    await screen.findAllByTestId('task-row');
    expect(screen.queryByTestId('task-row-skeleton')).not.toBeInTheDocument();
  });

  it('shows an error with its code and request id, and retries', async () => {
    server.use(
      http.get(LIST, () =>
        apiError(504, {
          code: 'UPSTREAM_TIMEOUT',
          message: 'Huawei Cloud did not answer within 10 s.',
          request_id: 'req-list-timeout-1',
        }),
      ),
    );
    const { user } = renderApp('/targets/sim-region-1');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load migration tasks');
    expect(alert).toHaveTextContent('UPSTREAM_TIMEOUT');
    expect(alert).toHaveTextContent('HTTP 504');
    expect(alert).toHaveTextContent('Huawei Cloud did not answer within 10 s.');
    expect(alert).toHaveTextContent('req-list-timeout-1');

    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('task-row')).toHaveLength(10);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('turns a proxy HTML error page into a readable error', async () => {
    server.use(
      http.get(
        LIST,
        () =>
          new HttpResponse('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>', {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    renderApp('/targets/sim-region-1');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('HTTP 502');
    expect(alert).toHaveTextContent('502 Bad Gateway nginx');
    expect(alert).toHaveTextContent('UNEXPECTED_RESPONSE');
  });

  it('says it keeps refreshing while a shown task can change', async () => {
    renderApp('/targets/sim-region-1');
    expect(await screen.findByTestId('refresh-status')).toHaveTextContent(/Updated \d\d:\d\d:\d\d · refreshing every 5 s/);
  });

  it('says no task on the page is changing, and that it still checks, when none can change', async () => {
    renderApp('/targets/sim-region-1?status=SUCCESS,FAILED');
    expect(await screen.findByTestId('refresh-status')).toHaveTextContent(
      /Updated \d\d:\d\d:\d\d · no task on this page is changing · checking every 30 s/,
    );
  });

  it('shows the demo banner, and the current target\'s region and project, when the target is simulated', async () => {
    renderApp('/targets/sim-region-1');
    expect(await screen.findByTestId('demo-banner')).toHaveTextContent(
      'Simulated data — this console is connected to the embedded DCS simulator, not to Huawei Cloud.',
    );
    const header = screen.getByTestId('target-switcher');
    expect(within(header).getByText('ap-southeast-1')).toBeInTheDocument();
    expect(within(header).getByText('0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toBeInTheDocument();
    await screen.findAllByTestId('task-row'); // the page has finished loading
  });

  it('shows no demo banner when the current target is the real cloud', async () => {
    db.targets[0] = { ...db.targets[0]!, simulated: false };
    renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    expect(within(screen.getByTestId('target-switcher')).getByText('ap-southeast-1')).toBeInTheDocument();
    expect(screen.queryByTestId('demo-banner')).not.toBeInTheDocument();
  });
});
