import { screen, waitFor, within } from '@testing-library/react';
import { ids } from '../../testing/mocks/data';
import { db, requestsTo } from '../../testing/mocks/db';
import { signInAs } from '../../testing/mocks/handlers/session';
import { renderApp } from '../../testing/test-utils';

const header = () => screen.getByRole('banner');

describe('what a viewer sees (the UI mirrors the server, which enforces)', () => {
  beforeEach(() => signInAs('viewer'));

  it('no Stop button on any row of the list, and no Activity link', async () => {
    renderApp('/targets/sim-region-1');
    await screen.findByTestId('session-summary');
    const rows = await screen.findAllByTestId('task-row');
    expect(rows).toHaveLength(10);
    expect(screen.queryAllByRole('button', { name: /^Stop/ })).toHaveLength(0);
    expect(within(header()).queryByRole('link', { name: 'Activity' })).not.toBeInTheDocument();
  });

  it('no Stop on the task page, no "last stop" line, and no audit request', async () => {
    renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    await screen.findByRole('heading', { level: 1, name: 'mig-legacy-queue' });
    await screen.findByTestId('session-summary');
    expect(screen.queryByRole('button', { name: /^Stop/ })).not.toBeInTheDocument();
    expect(screen.queryByTestId('last-stop')).not.toBeInTheDocument();
    expect(requestsTo('/api/audit')).toHaveLength(0);
  });

  it('/activity says the activity is not for them, without asking the server for it', async () => {
    renderApp('/activity');
    expect(await screen.findByRole('heading', { name: 'You are not allowed to see the activity' })).toBeInTheDocument();
    expect(screen.queryByTestId('audit-table')).not.toBeInTheDocument();
    expect(requestsTo('/api/audit')).toHaveLength(0);
  });
});

describe('what an operator sees', () => {
  it('Stop buttons and the Activity link, which opens the activity', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    const rows = await screen.findAllByTestId('task-row');
    expect(within(rows[0]!).getByRole('button', { name: 'Stop mig-orders-cache' })).toBeInTheDocument();
    const link = await within(header()).findByRole('link', { name: 'Activity' });
    expect(link).toHaveAttribute('href', '/activity');
    await user.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe('/activity'));
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(db.audit.length);
    expect(within(header()).getByRole('link', { name: 'Activity' })).toHaveAttribute('aria-current', 'page');
  });
});
