import { screen, waitFor, within } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { renderApp, switchLocale } from '../../../testing/test-utils';

const LIST = '/api/migration-tasks';
const sentStatus = () => requestsTo(LIST).at(-1)?.url.searchParams.get('status');
const INCREMENTAL = /^Incremental sync/;

describe('status filter: incremental sync has two spellings (INCRMIGEATING on the wire, INCRMIGRATING in the docs)', () => {
  it('offers one "Incremental sync" box, which finds the tasks of both spellings', async () => {
    // A cloud answering in the doc spelling.
    findTask(ids.terminated)!.status = 'INCRMIGRATING';
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const statuses = screen.getByRole('group', { name: 'Status' });
    const boxes = within(statuses).getAllByRole('checkbox', { name: INCREMENTAL });
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toHaveAccessibleName('Incremental sync (INCRMIGEATING)');

    await user.click(boxes[0]!);
    await waitFor(() => expect(sentStatus()).toBe('INCRMIGEATING'));
    expect(router.state.location.search).toBe('?status=INCRMIGEATING');
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    expect(screen.getByTestId('task-count')).toHaveTextContent('2 tasks match');
    expect(screen.getByRole('link', { name: 'mig-legacy-queue' })).toBeInTheDocument();
  });

  it('ticks the box for an old link in the doc spelling, and unticking clears it', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?status=INCRMIGRATING,SUCCESS');
    await screen.findAllByTestId('task-row');
    expect(sentStatus()).toBe('INCRMIGRATING,SUCCESS');
    const box = screen.getByRole('checkbox', { name: 'Incremental sync (INCRMIGEATING)' });
    expect(box).toBeChecked();
    // Known, so not listed again as an unknown status.
    expect(screen.queryByRole('checkbox', { name: /INCRMIGRATING/ })).not.toBeInTheDocument();

    await user.click(box);
    await waitFor(() => expect(router.state.location.search).toBe('?status=SUCCESS'));
    expect(box).not.toBeChecked();
  });
});

describe('status filter: one compact row of choices', () => {
  it('offers one choice per meaning, each a labelled checkbox named by its plain name and raw values', async () => {
    renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const statuses = screen.getByRole('group', { name: 'Status' });
    const names = [
      'Migrating (MIGRATING)',
      'Full sync (FULLMIGRATING)',
      'Incremental sync (INCRMIGEATING)',
      'Stopping (TERMINATING)',
      'Stopped (TERMINATED)',
      'Succeeded (SUCCESS)',
      'Failed (FAILED, MIGRATION_FAILED)',
      'Awaiting configuration (RUNNING)',
      'Released (RELEASED)',
      'Deleted (DELETED)',
    ];
    const boxes = within(statuses).getAllByRole('checkbox');
    expect(boxes).toHaveLength(names.length);
    names.forEach((name, i) => expect(boxes[i]).toHaveAccessibleName(name));
  });

  it('"Failed" finds FAILED and MIGRATION_FAILED tasks, with the URL as before, and clears both', async () => {
    findTask(ids.full)!.status = 'MIGRATION_FAILED';
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const failed = screen.getByRole('checkbox', { name: 'Failed (FAILED, MIGRATION_FAILED)' });
    await user.click(failed);
    await waitFor(() => expect(sentStatus()).toBe('FAILED,MIGRATION_FAILED'));
    expect(router.state.location.search).toBe('?status=FAILED%2CMIGRATION_FAILED');
    await waitFor(() => expect(screen.getByTestId('task-count')).toHaveTextContent('7 tasks match'));
    expect(screen.getByRole('link', { name: 'mig-session-store' })).toBeInTheDocument();

    await user.click(failed);
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(failed).not.toBeChecked();
  });

  it('is ticked by old links naming either failed status, and unticking removes what the link named', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?status=MIGRATION_FAILED,SUCCESS');
    await screen.findByTestId('task-count');
    expect(sentStatus()).toBe('MIGRATION_FAILED,SUCCESS');
    const failed = screen.getByRole('checkbox', { name: 'Failed (FAILED, MIGRATION_FAILED)' });
    expect(failed).toBeChecked();
    // Covered by "Failed", so not offered again as an unknown status.
    expect(screen.queryByRole('checkbox', { name: /^Unknown/ })).not.toBeInTheDocument();
    await user.click(failed);
    await waitFor(() => expect(router.state.location.search).toBe('?status=SUCCESS'));
  });

  it('works from the keyboard: Tab reaches each choice, Space toggles it', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const stopped = screen.getByRole('checkbox', { name: 'Stopped (TERMINATED)' });
    screen.getByRole('checkbox', { name: 'Stopping (TERMINATING)' }).focus();
    await user.tab();
    expect(stopped).toHaveFocus();
    await user.keyboard(' ');
    await waitFor(() => expect(router.state.location.search).toBe('?status=TERMINATED'));
    expect(stopped).toBeChecked();
  });

  it('speaks Chinese', async () => {
    await switchLocale('zh-CN');
    try {
      renderApp('/targets/sim-region-1');
      await screen.findAllByTestId('task-row');
      const statuses = screen.getByRole('group', { name: '状态' });
      expect(within(statuses).getByRole('checkbox', { name: '失败 （FAILED, MIGRATION_FAILED）' })).not.toBeChecked();
      expect(within(statuses).getByText('增量迁移中')).toBeInTheDocument();
    } finally {
      await switchLocale('en');
    }
  });
});
