import { screen, waitFor, within } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { renderApp } from '../../../testing/test-utils';

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
