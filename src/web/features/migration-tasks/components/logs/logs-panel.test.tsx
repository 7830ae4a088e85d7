import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../../testing/mocks/db';
import { cloudInternalError } from '../../../../testing/mocks/handlers/errors';
import { addLog, logLine, setLogs } from '../../../../testing/mocks/handlers/logs';
import { server } from '../../../../testing/mocks/node';
import { advance, renderApp, useTestClock, settled } from '../../../../testing/test-utils';
import { LOGS_FOLLOW_MS } from '../../api/get-task-logs';

const LOGS = (id: string) => `/api/migration-tasks/${id}/logs`;
const messages = () => screen.getAllByTestId('log-row').map((row) => within(row).getAllByRole('cell')[2]!.textContent);

/** Until no read is on its way: no answer lands after the test has moved on (or ended), outside act. */
describe('the logs tab', () => {
  useTestClock();
  // The task page loads on first use: here, not inside the first test's first wait.
  beforeAll(async () => {
    await import('../../../../app/routes/task');
  });

  it('is a tab of the task page with its own URL, newest entries first, exact time on hover', async () => {
    setLogs(ids.incremental, [logLine(300, 'INFO', 'Full sync started'), logLine(60, 'ERROR', 'Source unreachable'), logLine(120, 'INFO', 'Full sync done')]);
    const { user, router, queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await user.click(await screen.findByRole('tab', { name: 'Logs' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/targets/sim-region-1/tasks/${ids.incremental}/logs`));
    expect(await screen.findByRole('tab', { name: 'Logs', selected: true })).toBeInTheDocument();
    await waitFor(() => expect(messages()).toEqual(['Source unreachableMIG.0500', 'Full sync doneMIG.0100', 'Full sync startedMIG.0100']));
    const time = screen.getAllByTestId('log-row')[0]!.querySelector('time')!;
    expect(time).toHaveTextContent('1 minute ago');
    expect(time.getAttribute('title')).toMatch(/\d{4}/);
    expect(requestsTo(LOGS(ids.incremental))[0]!.url.searchParams.get('target')).toBe('sim-region-1');
    await settled(queryClient);
  });

  it('filters by level through the URL', async () => {
    setLogs(ids.incremental, [logLine(60, 'ERROR', 'Source unreachable'), logLine(120, 'INFO', 'Full sync done')]);
    const { user, router, queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}/logs`);
    await screen.findAllByTestId('log-row');
    await user.click(screen.getByRole('radio', { name: 'ERROR' }));
    await waitFor(() => expect(router.state.location.search).toBe('?level=ERROR'));
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(1));
    expect(screen.getByTestId('log-row')).toHaveAttribute('data-level', 'ERROR');
    expect(requestsTo(LOGS(ids.incremental)).at(-1)!.url.searchParams.get('level')).toBe('ERROR');

    await user.click(screen.getByRole('radio', { name: 'INFO' }));
    await waitFor(() => expect(screen.getByTestId('log-row')).toHaveAttribute('data-level', 'INFO'));
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(2));
    await settled(queryClient);
  });

  it('opens with the level of a shared link, and says when no entry has it', async () => {
    setLogs(ids.incremental, [logLine(60, 'INFO', 'Full sync done')]);
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}/logs?level=ERROR`);
    expect(await screen.findByTestId('logs-empty')).toHaveTextContent('No ERROR entries for this task.');
    expect(screen.getByRole('radio', { name: 'ERROR' })).toBeChecked();
    await settled(queryClient);
  });

  it('pages with "load older entries"', async () => {
    setLogs(ids.incremental, Array.from({ length: 25 }, (_, i) => logLine(i * 10, 'INFO', `line ${i}`)));
    const { user, queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}/logs`);
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(20));
    expect(screen.getByText('20 of 25 entries')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load older entries' }));
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(25));
    expect(requestsTo(LOGS(ids.incremental)).at(-1)!.url.searchParams.get('offset')).toBe('20');
    expect(screen.queryByRole('button', { name: 'Load older entries' })).not.toBeInTheDocument();
    await settled(queryClient);
  });

  it('follows new entries while the task runs, and stops following when paused', async () => {
    setLogs(ids.incremental, [logLine(60, 'INFO', 'Full sync done')]);
    const { user, queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}/logs`);
    await screen.findAllByTestId('log-row');
    addLog(ids.incremental, logLine(0, 'INFO', 'Incremental sync running'));
    await advance(LOGS_FOLLOW_MS); // the next follow read
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(2));
    expect(messages()[0]).toContain('Incremental sync running');

    const follow = screen.getByRole('button', { name: 'Pause auto-follow' });
    await user.click(follow);
    expect(screen.getByRole('button', { name: 'Resume auto-follow' })).toHaveAttribute('aria-pressed', 'true');
    const reads = requestsTo(LOGS(ids.incremental)).length;
    addLog(ids.incremental, logLine(0, 'ERROR', 'not fetched while paused'));
    await advance(LOGS_FOLLOW_MS + 600); // past the next follow read, had it not been paused
    await settled(queryClient); // the page's other reads of that moment (the running task's detail, its stats)
    expect(requestsTo(LOGS(ids.incremental))).toHaveLength(reads);
    expect(screen.getAllByTestId('log-row')).toHaveLength(2);
  }, 20_000);

  it('does not follow a settled task', async () => {
    findTask(ids.terminated)!.status = 'TERMINATED';
    setLogs(ids.terminated, [logLine(60, 'INFO', 'Stopped')]);
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.terminated}/logs`);
    await screen.findAllByTestId('log-row');
    expect(screen.queryByRole('button', { name: 'Pause auto-follow' })).not.toBeInTheDocument();
    expect(within(screen.getByTestId('section-logs')).getByTestId('refresh-status')).toHaveTextContent('task settled, not refreshing');
    await settled(queryClient);
  });

  it('shows an empty log and a failed read plainly', async () => {
    const { unmount } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}/logs`);
    expect(await screen.findByTestId('logs-empty')).toHaveTextContent('The cloud has no log entries for this task yet.');
    unmount();
    server.use(http.get(LOGS(ids.incremental), () => cloudInternalError('req-logs-1')));
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}/logs`);
    expect(await screen.findByText('The log could not be loaded')).toBeInTheDocument();
    expect(screen.getByTestId('section-logs')).toHaveTextContent('DCS.5000');
    await settled(queryClient);
  });
});
