import { screen, waitFor, within } from '@testing-library/react';
import { ids } from '../../testing/mocks/data';
import { requestsTo } from '../../testing/mocks/db';
import { renderApp, switchLocale, useTestClock, whenSettled } from '../../testing/test-utils';

const rows = () => screen.getAllByTestId('task-row');
const highlighted = () => rows().filter((row) => row.dataset.highlighted !== undefined);
const search = () => screen.getByRole('searchbox', { name: 'Search by name' });

// "Find the task → Stop → confirm" with the keyboard alone (issue 16, finding 5).
describe('the keyboard path from search to stop', () => {
  useTestClock();
  beforeAll(() => import('../../features/migration-tasks/components/stop-task-dialog'));
  afterEach(() => switchLocale('en'));

  it('/ then a name then Enter: the first match takes focus; s opens its Stop; the name and Enter stop it', async () => {
    const { user, router, queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => rows());

    await user.keyboard('/');
    await user.keyboard('orders-cache{Enter}');
    // Applied at once (no pause), and the match's link has focus: the keys are the list's again.
    expect(router.state.location.search).toBe('?name=orders-cache');
    await waitFor(() => expect(screen.getByRole('link', { name: 'mig-orders-cache' })).toHaveFocus());
    expect(highlighted()).toHaveLength(1);
    expect(highlighted()[0]).toHaveAttribute('data-task-id', ids.incremental);

    await user.keyboard('s');
    const dialog = await whenSettled(queryClient, () => screen.getByRole('dialog', { name: 'Stop migration task?' }));
    const confirmName = within(dialog).getByRole('textbox', { name: /^Type the task name/ });
    expect(confirmName).toHaveFocus();
    // An incremental migration asks for its name; Enter there sends the stop.
    await user.keyboard('mig-orders-cache{Enter}');
    await waitFor(() => expect(requestsTo(`/api/migration-tasks/${ids.incremental}/stop`, 'POST')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Stop is disabled now (TERMINATING): focus returns to the row, where the list's keys go on.
    await waitFor(() => expect(screen.getByRole('link', { name: 'mig-orders-cache' })).toHaveFocus());
  });

  it('↓ in the search goes to the first row too; Escape leaves the search and keeps its text', async () => {
    const { user, queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => rows());
    await user.keyboard('/');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'mig-orders-cache' })).toHaveFocus();

    await user.keyboard('/');
    await user.keyboard('orders{Escape}');
    expect(search()).not.toHaveFocus();
    expect(search()).toHaveValue('orders');
    // The page's keys work again at once.
    await user.keyboard('k');
    expect(highlighted()).toHaveLength(1);
  });

  it('a search with no match keeps focus in the search box', async () => {
    const { user, router, queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => rows());
    await user.keyboard('/');
    await user.keyboard('no-such-task{Enter}');
    await whenSettled(queryClient, () => screen.getByText(/No task matches/));
    expect(router.state.location.search).toBe('?name=no-such-task');
    expect(search()).toHaveFocus();
  });

  it('j on the sort select or a status chip moves through the rows; the sort stays', async () => {
    const { user, router, queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => rows());
    screen.getByRole('combobox', { name: 'Sort' }).focus();
    await user.keyboard('j');
    expect(highlighted()).toEqual([rows()[0]]);
    expect(screen.getByRole('combobox', { name: 'Sort' })).toHaveValue('');
    expect(router.state.location.search).toBe('');
    screen.getByRole('checkbox', { name: /^Failed/ }).focus();
    await user.keyboard('j');
    expect(highlighted()).toEqual([rows()[1]]);
  });

  it('s does nothing on a task that cannot be stopped', async () => {
    const { user, queryClient } = renderApp('/targets/sim-region-1?status=TERMINATED');
    await whenSettled(queryClient, () => rows());
    await user.keyboard('js');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('? lists the keys, in the language chosen; Escape closes the list', async () => {
    const { user, queryClient } = renderApp('/targets/sim-region-1');
    await whenSettled(queryClient, () => rows());
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByRole('button', { name: 'Close the list of keys' })).toBeInTheDocument();
    expect(within(help).getByRole('rowheader', { name: 's' }).closest('tr')).toHaveTextContent('Stop the highlighted task');
    expect(within(help).getByText('In the search: apply it and go to the first matching task')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // Typed into a field, ? is a character.
    await user.keyboard('/?');
    expect(search()).toHaveValue('?');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    const box = search();
    await switchLocale('zh-CN');
    box.blur();
    await user.keyboard('?');
    expect(await screen.findByRole('dialog', { name: '键盘快捷键' })).toHaveTextContent('停止高亮的任务');
  });
});
