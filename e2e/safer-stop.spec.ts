import { expect, rowWithStatus, test } from './fixtures';

test.describe('the safer stop on the real console', () => {
  test('an incremental migration: latest progress, what stopping means, type the name; the reason lands in Activity', async ({ page, simulator }) => {
    await page.goto('/targets/sim-region-1');
    const link = rowWithStatus(page, 'INCRMIGEATING').getByRole('link').first();
    const taskName = (await link.innerText()).trim();
    await link.click();
    await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    const progress = dialog.getByTestId('stop-dialog-progress');
    await expect(progress.getByTestId('stop-progress-offset')).toHaveText(/^(\d[\d,]*|0 \(in sync\))$/);
    await expect(progress.getByTestId('stop-progress-source-keys')).toHaveText(/^\d[\d,]*$/);
    await expect(progress.getByTestId('stop-progress-target-keys')).toHaveText(/^\d[\d,]*$/);
    await expect(dialog.getByTestId('stop-consequences')).toContainText('This is an incremental migration');
    await expect(dialog.getByTestId('stop-consequences')).toContainText('cannot be resumed');

    const confirm = dialog.getByRole('button', { name: 'Stop task' });
    const typed = dialog.getByRole('textbox', { name: `Type the task name ${taskName} to confirm` });
    await expect(confirm).toBeDisabled();
    await typed.fill(taskName.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await expect(dialog.getByText('Does not match the task name yet.')).toBeVisible();
    await typed.fill(taskName.toUpperCase() === taskName ? `${taskName}x` : taskName.toUpperCase());
    await expect(confirm).toBeDisabled();
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(0);

    await typed.fill(taskName);
    await expect(confirm).toBeEnabled();
    const reason = `safer stop e2e ${Date.now()}`;
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await confirm.click();
    await expect(dialog).toBeHidden();
    // Stopping or already stopped: the simulator settles a stop 4 s later on the wall clock, which
    // a loaded machine can spend before this line runs.
    await expect(page.getByTestId('task-status')).toContainText(/TERMINATING|TERMINATED/);
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop']).toBe(1);

    await page.getByRole('link', { name: 'Activity' }).click();
    const record = page.getByRole('row').filter({ hasText: reason });
    await expect(record).toHaveCount(1);
    await expect(record).toContainText(taskName);
    await expect(record).toContainText(/accepted/i);
  });

  test('a full migration needs no typed name, and the dialog is keyboard-only friendly', async ({ page }) => {
    await page.goto('/targets/sim-region-1');
    await rowWithStatus(page, 'FULLMIGRATING').getByRole('link').first().click();
    await expect(page.getByTestId('task-status')).toContainText('FULLMIGRATING');
    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    await stop.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await expect(dialog).toBeVisible();
    // The first focus: the name to type when one is asked (a full sync followed by an incremental
    // one), else Cancel; both in the footer, always on screen.
    const incremental = await dialog.getByTestId('stop-type-to-confirm').count();
    if (incremental === 0) {
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await expect(dialog.getByRole('button', { name: 'Stop task' })).toBeEnabled();
    } else {
      await expect(dialog.getByTestId('stop-type-to-confirm')).toBeFocused();
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(stop).toBeFocused();
  });
});
