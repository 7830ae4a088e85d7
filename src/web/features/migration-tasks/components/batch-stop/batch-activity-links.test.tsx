import { screen, waitFor, within } from '@testing-library/react';
import { buildMovingTasks, ids } from '../../../../testing/mocks/data';
import { db } from '../../../../testing/mocks/db';
import { TARGET_1 } from '../../../../testing/mocks/targets';
import { renderApp } from '../../../../testing/test-utils';

const checkboxOf = (taskId: string) =>
  within(screen.getAllByTestId('task-row').find((r) => r.dataset.taskId === taskId)!).getByRole('checkbox');

/** Stops `count` selected tasks (the whole page when no task is named) and waits for the report. */
async function stopAndReport(user: ReturnType<typeof renderApp>['user'], count: number, taskId?: string) {
  await screen.findAllByTestId('task-row');
  await user.click(taskId ? checkboxOf(taskId) : screen.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }));
  const label = count === 1 ? 'Stop 1 task' : `Stop ${count} tasks`;
  await user.click(within(screen.getByTestId('batch-bar')).getByRole('button', { name: label }));
  const dialog = await screen.findByRole('dialog', { name: count === 1 ? 'Stop 1 migration task?' : `Stop ${count} migration tasks?` }, { timeout: 5000 });
  await user.click(within(dialog).getByRole('button', { name: label }));
  await within(dialog).findByTestId('batch-report', {}, { timeout: 8000 });
  return dialog;
}

describe('batch stop report: the batch in the activity', () => {
  it('links to the activity of exactly this batch, which shows its records', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    const dialog = await stopAndReport(user, 1, ids.full);
    const batchId = db.audit.find((r) => r.task_id === ids.full && r.action === 'batch-stop')!.batch_id!;
    const link = within(dialog).getByRole('link', { name: 'See these stops in Activity' });
    expect(link).toHaveAttribute('href', `/activity?batch=${batchId}`);

    await user.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe('/activity'));
    expect(await screen.findByText(`Batch ${batchId.slice(0, 8)} · 1 record`)).toBeInTheDocument();
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('mig-session-store');
  });

  it('gives one link per batch when the run took several', async () => {
    db.tasks[TARGET_1] = buildMovingTasks(55);
    const { user } = renderApp('/targets/sim-region-1?size=100');
    const dialog = await stopAndReport(user, 55);
    const links = within(dialog).getAllByRole('link', { name: /^See batch \d of 2 in Activity$/ });
    expect(links.map((l) => l.textContent)).toEqual(['See batch 1 of 2 in Activity', 'See batch 2 of 2 in Activity']);
    const hrefs = links.map((l) => l.getAttribute('href'));
    expect(new Set(hrefs).size).toBe(2);
    for (const href of hrefs) expect(href).toMatch(/^\/activity\?batch=[0-9a-f-]{36}$/);
  }, 20_000);

  it('offers no link to someone who may stop but not read the activity', async () => {
    db.session.allowed_actions = db.session.allowed_actions.filter((action) => action !== 'audit:read');
    const { user } = renderApp('/targets/sim-region-1');
    const dialog = await stopAndReport(user, 1, ids.full);
    expect(within(dialog).getByTestId('batch-summary')).toHaveTextContent('1 accepted');
    expect(within(dialog).queryByRole('link', { name: /Activity/ })).not.toBeInTheDocument();
  });
});
