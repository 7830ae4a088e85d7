import { screen, waitFor } from '@testing-library/react';
import { ids } from '../../testing/mocks/data';
import { renderApp } from '../../testing/test-utils';

const rows = () => screen.getAllByTestId('task-row');
const highlighted = () => rows().filter((row) => row.dataset.highlighted !== undefined);

describe('task list keyboard', () => {
  it('/ focuses the search; j and k move through the rows with focus; Enter opens the task', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    expect(screen.getByTestId('keyboard-hint')).toHaveTextContent('/ search');

    await user.keyboard('/');
    expect(screen.getByLabelText('Search by name')).toHaveFocus();
    await user.keyboard('jk'); // typed into the search, not shortcuts
    expect(screen.getByLabelText('Search by name')).toHaveValue('jk');
    expect(highlighted()).toHaveLength(0);
    await user.clear(screen.getByLabelText('Search by name'));
    await waitFor(() => expect(rows()).toHaveLength(10));

    screen.getByLabelText('Search by name').blur();
    await user.keyboard('j');
    expect(highlighted()).toEqual([rows()[0]]);
    expect(screen.getByRole('link', { name: 'mig-orders-cache' })).toHaveFocus();
    await user.keyboard('jj');
    expect(highlighted()).toEqual([rows()[2]]);
    expect(screen.getByRole('link', { name: 'import-orders-backup' })).toHaveFocus();
    await user.keyboard('k');
    expect(screen.getByRole('link', { name: 'mig-session-store' })).toHaveFocus();

    // With a modifier the keys are the browser's, not the list's.
    await user.keyboard('{Control>}j{/Control}');
    expect(highlighted()).toEqual([rows()[1]]);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/targets/sim-region-1/tasks/${ids.full}`));
  });

  it('Enter opens the highlighted row when focus has left it for the page', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?status=TERMINATED');
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.keyboard('j');
    expect(highlighted()).toHaveLength(1);
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/targets/sim-region-1/tasks/${ids.terminated}`));
    // The task page's way back keeps the list's filters.
    expect(router.state.location.state).toEqual({ listSearch: '?status=TERMINATED' });
  });

  it('stops at the ends of the page', async () => {
    const { user } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    await user.keyboard('k');
    expect(highlighted()).toEqual([rows()[9]]);
    await user.keyboard('j');
    expect(highlighted()).toEqual([rows()[9]]);
  });
});
