import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const MOVING = '?status=INCRMIGEATING,FULLMIGRATING,MIGRATING';

/** The console reuses upstream reads for a second: wait until it has read the fresh seed after the reset. */
async function openMovingTasks(page: Page) {
  await expect
    .poll(async () => ((await (await page.request.get(`/api/migration-tasks${MOVING}`)).json()) as { count: number }).count)
    .toBeGreaterThanOrEqual(3);
  await page.goto(`/${MOVING}`);
}

/** axe on what this journey owns (the list's main area, or the dialog): no serious or critical violation. */
async function expectAccessible(page: Page, scope: string) {
  // In the page itself, as seriousViolations() does (e2e/ui-helpers.ts): no blank page per run.
  const { violations } = await new AxeBuilder({ page }).include(scope).setLegacyMode(true).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), scope).toEqual([]);
}

// Batch stop on the real console and simulator: one task of the selection is moved to a status
// the cloud refuses to stop after the dialog opened, so the report is mixed.
test.describe('batch stop', () => {
  test('select several, confirm once, see a mixed report with the DCS code, the accepted ones followed to TERMINATED', async ({
    page,
    simulator,
  }) => {
    await openMovingTasks(page);
    const rows = page.getByTestId('task-row');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(3);
    const taskIds = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-task-id') ?? ''));

    await page.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }).check();
    const bar = page.getByTestId('batch-bar');
    await expect(bar).toContainText(`${count} selected`);
    await page.keyboard.press('j'); // the keyboard highlight too
    await expectAccessible(page, 'main');
    await bar.getByRole('button', { name: `Stop ${count} tasks` }).click();

    const dialog = page.getByRole('dialog');
    await expect(dialog).toHaveAccessibleName(`Stop ${count} migration tasks?`);
    await expect(dialog.getByTestId('batch-task-list').locator('tbody tr')).toHaveCount(count);
    await expect(dialog).toContainText(/cannot be resumed/);
    await expectAccessible(page, '[role="dialog"]');

    // Meanwhile, one of them finished by itself: the cloud will refuse to stop it.
    const refusedId = taskIds[1]!;
    await simulator.setStatus(refusedId, 'SUCCESS');

    const stop = dialog.getByRole('button', { name: `Stop ${count} tasks` });
    const typeCount = dialog.getByLabel(`Type ${count} to confirm`);
    if (await typeCount.isVisible()) {
      await expect(stop).toBeDisabled();
      await typeCount.fill(String(count));
    }
    await dialog.getByLabel('Reason').fill('e2e batch stop');
    await stop.click();

    const report = dialog.getByTestId('batch-report');
    await expect(report).toBeVisible();
    await expect(dialog).toHaveAccessibleName('Batch stop report');
    await expect(dialog.getByTestId('batch-summary')).toContainText(`${count - 1} accepted`);
    await expect(dialog.getByTestId('batch-summary')).toContainText('1 refused');
    const refusedRow = report.locator(`[data-task-id="${refusedId}"]`);
    await expect(refusedRow).toContainText('Refused');
    await expect(refusedRow).toContainText('DCS.4957');
    await expect(refusedRow).toContainText('SUCCESS'); // read again: why the cloud refused
    expect((await simulator.requests()).routes['POST /migration-task/batch-stop']).toBe(1);

    const accepted = report.locator('[data-outcome="accepted"]');
    await expect(accepted).toHaveCount(count - 1);
    for (const row of await accepted.all()) await expect(row).toContainText('TERMINATED', { timeout: 20_000 });
    await expect(report.getByText('Settled')).toHaveCount(count - 1, { timeout: 20_000 });
    await expectAccessible(page, '[role="dialog"]');

    // One "has stopped" notification per task may cover the dialog's corner: Done is focused, Enter it.
    await dialog.getByRole('button', { name: 'Done' }).press('Enter');
    await expect(dialog).toBeHidden();
    await expect(bar).toContainText('Select stoppable tasks to stop several at once.');
  });

  test('the list, the confirmation and the report pass axe in the dark theme too', async ({ page, simulator }) => {
    await simulator.clearFaults(); // using the fixture gives this journey fresh seed data too
    await page.emulateMedia({ colorScheme: 'dark' });
    await openMovingTasks(page);
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    const rows = page.getByTestId('task-row');
    await expect(rows.first()).toBeVisible();
    await rows.first().getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.keyboard.press('j');
    await expectAccessible(page, 'main');
    await page.getByTestId('batch-bar').getByRole('button', { name: 'Stop 2 tasks' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('batch-task-list')).toBeVisible();
    await expectAccessible(page, '[role="dialog"]');
    const typeCount = dialog.getByLabel('Type 2 to confirm');
    if (await typeCount.isVisible()) await typeCount.fill('2');
    await dialog.getByRole('button', { name: 'Stop 2 tasks' }).click();
    await expect(dialog.getByTestId('batch-report')).toBeVisible();
    await expectAccessible(page, '[role="dialog"]');
  });
});
