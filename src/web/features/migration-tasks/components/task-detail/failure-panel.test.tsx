import { screen, waitFor, within } from '@testing-library/react';
import type { MigrationLog } from '../../../../../api';
import { buildStats, ids } from '../../../../testing/mocks/data';
import { db, findTask, requestsTo } from '../../../../testing/mocks/db';
import { logLine, setLogs } from '../../../../testing/mocks/handlers/logs';
import { renderApp, settled, switchLocale } from '../../../../testing/test-utils';

const LOGS = (id: string) => `/api/migration-tasks/${id}/logs`;

function errorLine(secondsAgo: number, code: string, message: string): MigrationLog {
  return { ...logLine(secondsAgo, 'ERROR', message), log_code: code };
}

function failTask(taskId: string, status: string, changedSecondsAgo = 120) {
  const task = findTask(taskId)!;
  task.status = status;
  task.updated_at = new Date(Date.now() - changedSecondsAgo * 1000).toISOString();
}

describe('the failure panel of the task page', () => {
  // The page is a route loaded on demand: load its code once here, not inside the first test's wait.
  beforeAll(() => import('../../../../app/routes/task'));

  it('shows the latest 3 ERROR lines of a MIGRATION_FAILED task, with code, message and time, and links to the rest', async () => {
    failTask(ids.full, 'MIGRATION_FAILED');
    setLogs(ids.full, [
      logLine(900, 'INFO', 'Full sync started.'),
      errorLine(600, 'MIG.9000', 'Oldest error'),
      errorLine(400, 'MIG.9003', 'Second oldest error'),
      errorLine(300, 'MIG.9004', 'Target instance out of memory.'),
      logLine(250, 'INFO', 'Retrying.'),
      errorLine(200, 'MIG.9001', 'Source instance became unreachable during full sync.'),
      errorLine(60, 'MIG.9002', 'Migration task failed.'),
    ]);
    const { user, router, queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
    const panel = await screen.findByRole('region', { name: 'Why it failed' });
    expect(panel).toBe(screen.getByTestId('failure-panel'));
    expect(within(panel).queryByRole('alert')).toBeNull();
    expect(panel).not.toHaveAttribute('role', 'alert');
    await waitFor(() => expect(within(panel).getAllByTestId('failure-line')).toHaveLength(3));
    const lines = within(panel).getAllByTestId('failure-line');
    expect(lines[0]).toHaveTextContent('MIG.9002');
    expect(lines[0]).toHaveTextContent('Migration task failed.');
    expect(lines[0]!.querySelector('time')).toHaveTextContent('1 minute ago');
    expect(lines[0]!.querySelector('time')!.getAttribute('title')).toMatch(/\d{4}/);
    expect(lines[1]).toHaveTextContent('MIG.9001');
    expect(lines[1]).toHaveTextContent('Source instance became unreachable during full sync.');
    expect(lines[2]).toHaveTextContent('MIG.9004');
    expect(panel).not.toHaveTextContent('Oldest error');
    expect(panel).not.toHaveTextContent('Retrying.');
    expect(within(panel).getByText('The latest 3 errors in the task’s log:')).toBeInTheDocument();
    // When the status changed: updated_at, relative with the exact time on hover.
    const when = within(panel).getByTestId('failure-when');
    expect(when).toHaveTextContent('The status turned MIGRATION_FAILED 2 minutes ago.');
    expect(when.querySelector('time')!.getAttribute('title')).toMatch(/\d{4}/);
    expect(requestsTo(LOGS(ids.full)).some((r) => r.url.searchParams.get('level') === 'ERROR')).toBe(true);

    const link = within(panel).getByRole('link', { name: 'See all 5 errors in the Logs tab' });
    expect(link).toHaveAttribute('href', `/targets/sim-region-1/tasks/${ids.full}/logs?level=ERROR`);
    await user.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/targets/sim-region-1/tasks/${ids.full}/logs`));
    expect(router.state.location.search).toBe('?level=ERROR');
    expect(await screen.findByRole('tab', { name: 'Logs', selected: true })).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(5));
    await settled(queryClient);
  });

  it('also shows for FAILED, and says when there are no ERROR lines, with a link to the whole log', async () => {
    failTask(ids.full, 'FAILED');
    setLogs(ids.full, [logLine(900, 'INFO', 'Full sync started.')]);
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
    const panel = await screen.findByRole('region', { name: 'Why it failed' });
    const empty = await within(panel).findByTestId('failure-empty');
    expect(empty).toHaveTextContent('The cloud logged no ERROR lines for this task');
    expect(within(panel).queryAllByTestId('failure-line')).toHaveLength(0);
    expect(within(empty).getByRole('link', { name: 'Open the full log' })).toHaveAttribute(
      'href',
      `/targets/sim-region-1/tasks/${ids.full}/logs`,
    );
    await settled(queryClient);
  });

  it('links to the errors without a count when all of them are shown', async () => {
    failTask(ids.full, 'MIGRATION_FAILED');
    setLogs(ids.full, [errorLine(60, 'MIG.9002', 'Migration task failed.')]);
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
    const panel = await screen.findByRole('region', { name: 'Why it failed' });
    await waitFor(() => expect(within(panel).getAllByTestId('failure-line')).toHaveLength(1));
    expect(panel).toHaveTextContent('The latest error in the task’s log:');
    expect(within(panel).getByRole('link', { name: 'See the errors in the Logs tab' })).toBeInTheDocument();
    await settled(queryClient);
  });

  it('shows nothing for a running task, and reads no ERROR lines for it', async () => {
    setLogs(ids.incremental, [errorLine(60, 'MIG.9001', 'A transient error')]);
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await screen.findByTestId('section-progress');
    await settled(queryClient);
    expect(screen.queryByTestId('failure-panel')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Why it failed' })).toBeNull();
    expect(requestsTo(LOGS(ids.incremental))).toHaveLength(0);
  });

  it('speaks Chinese', async () => {
    failTask(ids.full, 'MIGRATION_FAILED');
    setLogs(ids.full, [errorLine(60, 'MIG.9002', 'Migration task failed.')]);
    await switchLocale('zh-CN');
    try {
      const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
      const panel = await screen.findByRole('region', { name: '失败原因' });
      await waitFor(() => expect(within(panel).getAllByTestId('failure-line')).toHaveLength(1));
      expect(panel).toHaveTextContent('任务日志中最新的 1 条错误：');
      expect(within(panel).getByTestId('failure-when')).toHaveTextContent(/^状态于 .+ 变为 MIGRATION_FAILED。$/);
      expect(within(panel).getByRole('link', { name: '在“日志”页查看这些错误' })).toBeInTheDocument();
      await settled(queryClient);
    } finally {
      await switchLocale('en');
    }
  });

  it('says so in Chinese when there are no ERROR lines', async () => {
    failTask(ids.full, 'FAILED');
    setLogs(ids.full, []);
    await switchLocale('zh-CN');
    try {
      const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
      const panel = await screen.findByRole('region', { name: '失败原因' });
      expect(await within(panel).findByTestId('failure-empty')).toHaveTextContent('云端没有为该任务记录 ERROR 级别的日志');
      expect(within(panel).getByRole('link', { name: '打开完整日志' })).toBeInTheDocument();
      await settled(queryClient);
    } finally {
      await switchLocale('en');
    }
  });
});

describe('the task page’s progress once the task no longer migrates', () => {
  beforeAll(() => import('../../../../app/routes/task'));

  it('marks the figures of a failed task as last known, at the status change, not as live', async () => {
    failTask(ids.full, 'MIGRATION_FAILED', 300);
    db.stats.set(ids.full, { ...buildStats(), is_migrating: true, target_ops: '19640', full_migration_progress: '42' });
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
    const progress = await screen.findByTestId('section-progress');
    const marker = await within(progress).findByTestId('progress-last-known');
    expect(marker).toHaveTextContent(/^Last known, at .+5 minutes ago\. The task no longer migrates/);
    expect(progress).toHaveTextContent('Target operations (last known)');
    expect(progress).toHaveTextContent('19,640 ops/s');
    expect(progress).toHaveTextContent('Actively migrating (last reported)');
    expect(progress).not.toHaveTextContent(/Actively migrating\s*Yes/i);
    await settled(queryClient);
  });

  it('does not mark a migrating task’s figures', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), is_migrating: true, target_ops: '19640' });
    const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    const progress = await screen.findByTestId('section-progress');
    await waitFor(() => expect(progress).toHaveTextContent('19,640 ops/s'));
    expect(within(progress).queryByTestId('progress-last-known')).toBeNull();
    expect(progress).not.toHaveTextContent('last known');
    await settled(queryClient);
  });

  it('speaks Chinese: 最后已知', async () => {
    failTask(ids.terminated, 'TERMINATED');
    db.stats.set(ids.terminated, { ...buildStats(), is_migrating: true, target_ops: '19640' });
    await switchLocale('zh-CN');
    try {
      const { queryClient } = renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
      const progress = await screen.findByTestId('section-progress');
      expect(await within(progress).findByTestId('progress-last-known')).toHaveTextContent(/^最后已知，截至 /);
      expect(progress).toHaveTextContent('目标实例操作数（最后已知）');
      await settled(queryClient);
    } finally {
      await switchLocale('en');
    }
  });
});
