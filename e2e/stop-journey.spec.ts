import { expect, passOnPageClock, requestsSeenBy, rowWithStatus, test } from './fixtures';
import { confirmStop } from './stop-helpers';

test.describe('the operator journey on the embedded simulator', () => {
  test('list → task page → Stop → TERMINATING with instance details → TERMINATED, Stop no longer offered', async ({ page, simulator }) => {
    // The page's clock moves on the test's word at the end: a poll still running would show then.
    await page.clock.install();
    await page.goto('/targets/sim-region-1');
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    const row = rowWithStatus(page, 'INCRMIGEATING');
    await expect(row).toBeVisible();
    const link = row.getByRole('link').first();
    const taskName = (await link.innerText()).trim();
    await link.click();

    await expect(page).toHaveURL(/\/tasks\/[A-Za-z0-9-]+$/);
    await expect(page.getByRole('heading', { name: taskName })).toBeVisible();
    await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
    await expect(page.getByText(/target instance/i).first()).toBeVisible();
    await expect(page.getByText(/password/i).first()).toBeVisible(); // "Password: set" — never the value

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await expect(dialog).toContainText(taskName);
    await expect(dialog).toContainText(/cannot be resumed/i);
    await confirmStop(dialog);

    // The status the cloud returned, with the instance details it returned.
    await expect(page.getByTestId('task-status')).toContainText('TERMINATING');
    await expect(page.getByText(/target instance/i).first()).toBeVisible();
    // Then the console follows the task until it has really stopped.
    await passOnPageClock(page, () => expect(page.getByTestId('task-status')).toContainText('TERMINATED', { timeout: 250 }));
    await expect(page.getByTestId('task-status')).not.toContainText('TERMINATING');
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop']).toBe(1);

    // The page stops polling now that the task is settled. Counted in the browser: the console's
    // own background history sampler may still read other specs' migrating tasks upstream.
    const taskPath = new URL(page.url()).pathname.split('/').pop()!;
    const seen = await requestsSeenBy(page, () => page.clock.runFor(60_000));
    expect(seen.filter((request) => request.includes(`/api/migration-tasks/${taskPath}`))).toEqual([]);

    await page.goBack();
    await expect(page).toHaveURL(/\/targets\/sim-region-1(\?|$)/);
    await expect(page.getByTestId('task-row').first()).toBeVisible();
  });

  test('Stop from a list row: the row shows the returned TERMINATING status', async ({ page }) => {
    await page.clock.install(); // the list's 5 s polls pass on the test's word
    await page.goto('/targets/sim-region-1');
    const row = rowWithStatus(page, 'INCRMIGEATING');
    const name = (await row.getByRole('link').first().innerText()).trim();
    await row.getByRole('button', { name: `Stop ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await expect(dialog).toContainText(name);
    await confirmStop(dialog);
    await expect(dialog).toBeHidden();
    const stoppedRow = page.getByTestId('task-row').filter({ hasText: name });
    await expect(stoppedRow).toContainText('TERMINATING');
    await passOnPageClock(page, () => expect(stoppedRow).toContainText('TERMINATED', { timeout: 250 }));
  });

  test('a refused stop shows the DCS error code, message and request id in the dialog', async ({ page, simulator }) => {
    await page.goto('/targets/sim-region-1');
    await rowWithStatus(page, 'INCRMIGEATING').getByRole('link').first().click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    // The cloud refuses the stop as it does for a task that is no longer stoppable.
    await simulator.fault({
      route: 'POST /migration-task/{id}/stop',
      status: 400,
      error_code: 'DCS.4957',
      error_msg: 'The operation is not allowed in the current state of the task',
      times: 1,
    });
    await confirmStop(dialog);
    await expect(dialog).toContainText('DCS.4957');
    await expect(dialog).toContainText(/not allowed/i);
    await expect(dialog).toContainText(/request id/i);
  });

  test('a task stopped elsewhere: the page notices by polling and withdraws Stop', async ({ page, simulator }) => {
    await page.clock.install(); // the page's 5 s polls pass on the test's word
    await page.goto('/targets/sim-region-1');
    await rowWithStatus(page, 'INCRMIGEATING').getByRole('link').first().click();
    const taskId = page.url().split('/tasks/')[1]!;
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
    await simulator.setStatus(taskId, 'TERMINATED');
    await passOnPageClock(page, () => expect(page.getByTestId('task-status')).toContainText('TERMINATED', { timeout: 250 }));
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  });

  test('an upstream failure on stop (500 DCS.5000) is shown, not swallowed', async ({ page, simulator }) => {
    await page.goto('/targets/sim-region-1');
    await rowWithStatus(page, 'INCRMIGEATING').getByRole('link').first().click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await simulator.fault({ route: 'POST /migration-task/{id}/stop', status: 500, error_code: 'DCS.5000', error_msg: 'Internal service error', times: 1 });
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await confirmStop(dialog);
    await expect(dialog).toContainText('DCS.5000');
    await expect(dialog).toContainText('Internal service error');
  });

  test('a task that does not exist gets a real not-found page', async ({ page }) => {
    await page.goto('/tasks/00000000-0000-0000-0000-000000000000');
    await expect(page.getByText(/not found/i).first()).toBeVisible();
    await expect(page.getByRole('link', { name: /back|tasks/i }).first()).toBeVisible();
  });

  test('an unknown status from the cloud is shown raw and Stop is not offered', async ({ page, simulator }) => {
    await page.goto('/?status=SUCCESS');
    const row = rowWithStatus(page, 'SUCCESS');
    const taskId = (await row.getAttribute('data-task-id'))!;
    await simulator.setStatus(taskId, 'SWITCHING_OVER');
    await page.goto(`/tasks/${taskId}`);
    await expect(page.getByTestId('task-status')).toContainText('SWITCHING_OVER');
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  });

  test('switching target shows the other region\'s tasks and the URL names it', async ({ page }) => {
    await page.goto('/targets/sim-region-1');
    await expect(page).toHaveURL(/\/targets\/sim-region-1$/);
    const firstRow = page.getByTestId('task-row').first();
    await expect(firstRow).toBeVisible();
    const region1Name = (await firstRow.getByRole('link').first().innerText()).trim();
    const region1Id = await firstRow.getAttribute('data-task-id');
    expect(region1Name).not.toBe('');

    // A native <select>: its value is the target id.
    const select = page.getByRole('combobox', { name: 'Target' });
    await expect(select).toHaveValue('sim-region-1');
    await select.selectOption('sim-region-2');

    await expect(page).toHaveURL(/\/targets\/sim-region-2$/);
    await expect(select).toHaveValue('sim-region-2');
    await expect(page.getByTestId('task-row').first()).toBeVisible();
    // The other region's tasks, not region 1's.
    await expect(page.locator(`[data-testid="task-row"][data-task-id="${region1Id}"]`)).toHaveCount(0);

    const link = page.getByTestId('task-row').first().getByRole('link').first();
    const region2Name = (await link.innerText()).trim();
    await link.click();
    await expect(page).toHaveURL(/\/targets\/sim-region-2\/tasks\/[A-Za-z0-9-]+$/);
    await expect(page.getByRole('heading', { level: 1, name: region2Name })).toBeVisible();
  });
});
