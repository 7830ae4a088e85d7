import { screen, within } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { db } from '../../../testing/mocks/db';
import { renderApp, switchLocale, useTestClock, whenSettled } from '../../../testing/test-utils';

const rowOf = (taskId: string) => screen.getAllByTestId('task-row').find((row) => row.dataset.taskId === taskId)!;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

// Issue 16, finding 1: a new failure told from an old one, by the console's record of status changes.
describe('the list\'s "last changed" column', () => {
  useTestClock();
  afterEach(() => switchLocale('en'));

  it('shows a change the console saw, marks a time that is only its first read, and a dash before any read', async () => {
    db.statusSince.set(ids.incremental, { at: ago(5 * 60_000), seen: true });
    db.statusSince.set(ids.full, { at: ago(2 * 3_600_000), seen: false });
    const { queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => screen.getAllByTestId('task-row'));
    expect(screen.getByRole('columnheader', { name: 'Last changed' })).toBeInTheDocument();

    const seen = within(rowOf(ids.incremental)).getByTestId('last-changed');
    expect(seen).toHaveTextContent(/^5 minutes ago/);
    const firstRead = within(rowOf(ids.full)).getByTestId('last-changed');
    // "≥ 2 hours ago" on screen; "no later than 2 hours ago" for screen readers; why, on hover.
    expect(firstRead).toHaveTextContent(/^≥ no later than 2 hours ago/);
    expect(firstRead).toHaveAttribute('title', expect.stringContaining('has not changed since the console first read the task'));
    const unknown = within(rowOf(ids.importing)).getByTestId('last-changed');
    expect(unknown).toHaveTextContent('—');
    expect(unknown).toHaveAttribute('title', expect.stringContaining('has not read this status yet'));
  });

  it('sorts by the latest change, and says so in Chinese', async () => {
    db.statusSince.set(ids.terminated, { at: ago(60_000), seen: true });
    db.statusSince.set(ids.incremental, { at: ago(10 * 60_000), seen: true });
    const { user, router, queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => screen.getAllByTestId('task-row'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Last changed: latest first');
    expect(router.state.location.search).toBe('?sort=changed');
    await whenSettled(queryClient, () => expect(screen.getAllByTestId('task-row')[0]).toHaveAttribute('data-task-id', ids.terminated));
    expect(screen.getAllByTestId('task-row')[1]).toHaveAttribute('data-task-id', ids.incremental);

    await switchLocale('zh-CN');
    expect(screen.getByRole('columnheader', { name: '状态变化' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '排序' })).toHaveDisplayValue('状态变化：最近在前');
  });
});
