import { act, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../../testing/mocks/data';
import { db, requestsTo, taskRequestsFor } from '../../../testing/mocks/db';
import { server } from '../../../testing/mocks/node';
import { ids2, TARGET_2 } from '../../../testing/mocks/targets';
import { chooseTarget } from '../../../testing/target-helpers';
import { renderApp } from '../../../testing/test-utils';

const LIST = '/api/migration-tasks';
const rowIds = () => screen.getAllByTestId('task-row').map((r) => r.dataset.taskId);

describe('target switcher', () => {
  it('lists the configured targets with their region, the current one selected, and where it is', async () => {
    renderApp('/targets/sim-region-1');
    const select = await screen.findByRole('combobox', { name: 'Target' });
    expect(select).toHaveValue('sim-region-1');
    expect(select).toHaveDisplayValue('Simulated region 1 · ap-southeast-1');
    const options = within(select).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Simulated region 1 · ap-southeast-1', 'Simulated region 2 · eu-west-101']);
    const place = screen.getByTestId('target-project');
    expect(place).toHaveTextContent('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    expect(place).toHaveAttribute('title', expect.stringMatching(/^Endpoint /));
  });

  it('on the activity, keeps showing the default target: never "Choose a target"', async () => {
    renderApp('/activity');
    await screen.findByRole('heading', { level: 1, name: 'Activity' });
    const select = await screen.findByRole('combobox', { name: 'Target' });
    expect(select).toHaveDisplayValue('Simulated region 1 · ap-southeast-1');
    expect(within(select).queryByRole('option', { name: 'Choose a target' })).not.toBeInTheDocument();
    expect(screen.getByTestId('target-project')).toHaveTextContent('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
  });

  it('on the activity and the overview, keeps showing the target last used in this tab', async () => {
    const { router } = renderApp('/targets/sim-region-2');
    await screen.findAllByTestId('task-row');
    await act(() => router.navigate('/activity'));
    await screen.findByRole('heading', { level: 1, name: 'Activity' });
    expect(screen.getByRole('combobox', { name: 'Target' })).toHaveDisplayValue('Simulated region 2 · eu-west-101');
    await act(() => router.navigate('/'));
    await screen.findByRole('heading', { level: 1, name: 'Overview' });
    expect(screen.getByRole('combobox', { name: 'Target' })).toHaveDisplayValue('Simulated region 2 · eu-west-101');
  });

  it('is a native select: no floating dropdown, keyboard and screen readers work as usual', async () => {
    renderApp('/targets/sim-region-1');
    const select = await screen.findByRole('combobox', { name: 'Target' });
    expect(select.tagName).toBe('SELECT');
    expect(select).not.toHaveAttribute('aria-controls');
  });

  it('switching opens the other target\'s list: URL, request `target` and rows change, filters reset', async () => {
    const { user, router } = renderApp('/targets/sim-region-1?name=mig&page=2');
    await screen.findAllByTestId('task-row');
    expect(requestsTo(LIST).at(-1)?.url.searchParams.get('target')).toBe('sim-region-1');

    await chooseTarget(user, 'Simulated region 2');
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-2'));
    expect(router.state.location.search).toBe('');
    await waitFor(() => expect(rowIds()).toEqual([ids2.inventory, ids2.archive, ids2.importing, ids2.shared]));

    const sent = requestsTo(LIST).at(-1)!.url.searchParams;
    expect(sent.get('target')).toBe('sim-region-2');
    expect(sent.get('name')).toBeNull();
    expect(sent.get('offset')).toBe('0');
    expect(screen.getByRole('combobox', { name: 'Target' })).toHaveValue('sim-region-2');
    expect(within(screen.getByTestId('target-switcher')).getByText('eu-west-101')).toBeInTheDocument();
    expect(screen.getByLabelText('Search by name')).toHaveValue('');
    expect(router.state.historyAction).toBe('PUSH');
  });

  it('switching from a task page opens the other target\'s list', async () => {
    const { user, router } = renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    await screen.findByRole('heading', { level: 1, name: 'mig-legacy-queue' });
    await chooseTarget(user, 'Simulated region 2');
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-2'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Migration tasks' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'mig-eu-inventory' })).toHaveAttribute(
      'href',
      `/targets/sim-region-2/tasks/${ids2.inventory}`,
    );
  });

  it('never shows the previous target\'s rows while the new target\'s list loads', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get(LIST, async ({ request }) => {
        if (new URL(request.url).searchParams.get('target') === TARGET_2) await gate;
        // No answer: msw falls through to the regular handler.
      }),
    );
    const { user } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    await chooseTarget(user, 'Simulated region 2');
    expect(await screen.findAllByTestId('task-row-skeleton')).not.toHaveLength(0);
    expect(screen.queryAllByTestId('task-row')).toHaveLength(0);
    release();
    await waitFor(() => expect(rowIds()).toHaveLength(4));
  });

  it('shows the demo banner only while the current target is simulated', async () => {
    db.targets[1] = { ...db.targets[1]!, simulated: false };
    const { user } = renderApp('/targets/sim-region-1');
    expect(await screen.findByTestId('demo-banner')).toBeInTheDocument();
    await chooseTarget(user, 'Simulated region 2');
    await waitFor(() => expect(screen.queryByTestId('demo-banner')).not.toBeInTheDocument());
    await screen.findAllByTestId('task-row');
    expect(taskRequestsFor(null)).toHaveLength(0);
  });
});
