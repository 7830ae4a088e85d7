import { screen, waitFor, within } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { auditIds } from '../../../testing/mocks/audit';
import { db, requestsTo } from '../../../testing/mocks/db';
import { renderApp } from '../../../testing/test-utils';

const auditRequests = () => requestsTo('/api/audit');

describe('the task page’s last stop', () => {
  it('"Stopped by X, T ago: reason", from the newest audit record of this task on this target', async () => {
    renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    const line = await screen.findByTestId('last-stop');
    expect(line).toHaveTextContent(/^Stopped by oncall\.operator, 2 minutes ago: Cut-over finished; source decommissioned$/);
    expect(within(line).getByText('2 minutes ago')).toHaveAttribute('title', expect.stringMatching(/\d\d:\d\d:\d\d/));
    const sent = auditRequests()[0]!.url.searchParams;
    expect(sent.get('task_id')).toBe(ids.terminated);
    expect(sent.get('target')).toBe('sim-region-1');
    expect(sent.get('limit')).toBe('1');
    expect(screen.getByRole('link', { name: 'All stops of this task' })).toHaveAttribute(
      'href',
      `/activity?task_id=${ids.terminated}&target=sim-region-1`,
    );
  });

  it('says when the last stop was refused, with the DCS code', async () => {
    db.audit = db.audit
      .filter((r) => r.id === auditIds.refused)
      .map((r) => ({ ...r, at: new Date(Date.now() - 5 * 60_000).toISOString() }));
    renderApp(`/targets/sim-region-1/tasks/${ids.terminated}`);
    expect(await screen.findByTestId('last-stop')).toHaveTextContent(
      /^Stop refused \(DCS\.4957\) by alice\.ops, 5 minutes ago: Double-check before the weekend$/,
    );
  });

  it('says when the outcome is unknown', async () => {
    renderApp(`/targets/sim-region-1/tasks/${ids.full}`);
    expect(await screen.findByTestId('last-stop')).toHaveTextContent(
      /^Stop sent \(outcome unknown — check the task\) by alice\.ops, 3 hours ago$/,
    );
  });

  it('shows nothing for a task never stopped from the console', async () => {
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await screen.findByRole('heading', { level: 1, name: 'mig-orders-cache' });
    await waitFor(() => expect(auditRequests()).toHaveLength(1));
    expect(screen.queryByTestId('last-stop')).not.toBeInTheDocument();
  });

  it('is read again once a stop from this page has settled, with the reason just given', async () => {
    const { user } = renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    await screen.findByRole('heading', { level: 1, name: 'mig-orders-cache' });
    await waitFor(() => expect(auditRequests()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop migration task?' });
    // An incremental migration: the dialog asks for the task name before it enables Stop.
    await user.type(within(dialog).getByRole('textbox', { name: /^Type the task name/ }), 'mig-orders-cache');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Planned cut-over');
    await user.click(within(dialog).getByRole('button', { name: 'Stop task' }));

    const line = await screen.findByTestId('last-stop');
    expect(line).toHaveTextContent(/^Stopped by oncall\.operator, .+: Planned cut-over$/);
    expect(auditRequests().length).toBeGreaterThanOrEqual(2);
  });
});
