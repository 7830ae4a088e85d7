import { expect, incrementalTaskIds, rowWithStatus, test } from './fixtures';

test.describe('the stop dialog tells the truth', () => {
  test('during the full sync the offset is not "in sync", on the task page and in the dialog, which says keys will be missing', async ({ page, simulator }) => {
    const [taskId] = await incrementalTaskIds(page);
    await simulator.setStatus(taskId!, 'FULLMIGRATING');
    await simulator.pinProgress(taskId!, { full_migration_progress: 67 });
    await page.goto(`/targets/sim-region-1/tasks/${taskId}`);

    const progress = page.getByTestId('section-progress');
    await expect(progress).toContainText('67%');
    await expect(progress).toContainText('— (full sync not finished)');
    await expect(progress).not.toContainText('in sync');

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await expect(dialog.getByTestId('stop-progress-offset')).toHaveText('— (full sync not finished)');
    await expect(dialog.getByTestId('stop-consequences')).toContainText('This is an incremental migration');
    await expect(dialog.getByTestId('stop-consequences')).toContainText('full sync has not finished: keys not yet copied will be missing');
  });

  test('a stop the cloud failed: a double click sends one stop, and nothing claims a retry', async ({ page, simulator }) => {
    await page.goto('/targets/sim-region-1');
    await rowWithStatus(page, 'INCRMIGEATING').getByRole('link').first().click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await simulator.fault({ route: 'POST /migration-task/{id}/stop', status: 500, times: 1 });
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    const confirm = dialog.getByRole('button', { name: 'Stop task' });
    const name = (await dialog.getByTestId('stop-dialog-task-name').innerText()).trim();
    await dialog.getByTestId('stop-type-to-confirm').fill(name);

    // A double click, dispatched in one go so both clicks land before any answer or re-render,
    // whatever the machine's speed: only the dialog's own guard can stop the second one. (A click
    // after the answer, while the task is read again, is covered in stop-dialog-truth.test.tsx.)
    await expect(confirm).toBeEnabled();
    await confirm.evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });

    const alert = dialog.getByTestId('error-alert');
    await expect(alert).toContainText('The stop was not accepted');
    await expect(alert).toContainText('The console sent this request once and did not retry it.');
    await expect(alert).not.toContainText('even after');
    await expect(alert).toContainText('Stops are never retried automatically.');
    // Stop comes back once the task has been read again, with the status that read found.
    await expect(dialog.getByTestId('stop-reread')).toHaveAttribute('data-state', 'read');
    await expect(dialog.getByTestId('stop-reread')).toContainText('INCRMIGEATING');
    await expect(confirm).toBeEnabled();
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop']).toBe(1);
  });
});
