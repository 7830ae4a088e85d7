import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoSeriousViolations } from './ui-helpers';

// After a batch stop, the operator hears once per batch: one in-app notification updated in place
// until every task has settled, then a summary naming the tasks that did not stop.

const MOVING_TASKS = '/?status=INCRMIGEATING,FULLMIGRATING,MIGRATING';
const NOTIFICATIONS = '.mantine-Notification-root';

/** From now on, the page records the most in-app notifications it showed at once. */
async function countNotificationsAtOnce(page: Page) {
  await page.evaluate((selector) => {
    const record = window as unknown as { mostNotifications: number };
    record.mostNotifications = document.querySelectorAll(selector).length;
    new MutationObserver(() => {
      record.mostNotifications = Math.max(record.mostNotifications, document.querySelectorAll(selector).length);
    }).observe(document.body, { childList: true, subtree: true });
  }, NOTIFICATIONS);
  return () => page.evaluate(() => (window as unknown as { mostNotifications: number }).mostNotifications);
}

/** The moving tasks of the fresh seed (the console may still hold a read from before the reset for a second). */
async function openMovingTasks(page: Page) {
  const count = async () => ((await (await page.request.get(`/api/migration-tasks${MOVING_TASKS.slice(1)}`)).json()) as { count: number }).count;
  await expect.poll(count).toBeGreaterThanOrEqual(3);
  await page.goto(MOVING_TASKS);
  await expect(page.getByTestId('task-row').first()).toBeVisible();
}

/** Waits until no CSS transition runs (a modal or notification fading in). */
async function settledTransitions(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.getAnimations().filter((animation) => animation instanceof CSSTransition).length))
    .toBe(0);
}

/** Confirms the open batch dialog for `count` tasks and waits for its report. */
async function confirmBatch(page: Page, count: number) {
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('batch-task-list')).toBeVisible(); // the dialog loads on demand
  const typeCount = dialog.getByLabel(`Type ${count} to confirm`);
  if (await typeCount.isVisible()) await typeCount.fill(String(count));
  await dialog.getByRole('button', { name: `Stop ${count} tasks` }).click();
  await expect(dialog.getByTestId('batch-report')).toBeVisible();
  return dialog;
}

test.describe('batch stop notifications', () => {
  test('one notification for the whole batch, updated until it ends with who did not stop', async ({ page, simulator }) => {
    await openMovingTasks(page);
    const rows = page.getByTestId('task-row');
    const count = await rows.count();
    const refused = rows.nth(1);
    const refusedId = (await refused.getAttribute('data-task-id'))!;
    const refusedName = (await refused.getByRole('link').first().innerText()).trim();
    const mostAtOnce = await countNotificationsAtOnce(page);

    await page.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }).check();
    await page.getByTestId('batch-bar').getByRole('button', { name: `Stop ${count} tasks` }).click();
    await simulator.setStatus(refusedId, 'SUCCESS'); // finished by itself meanwhile: the cloud refuses its stop
    const dialog = await confirmBatch(page, count);

    const notification = page.getByTestId('batch-notification');
    await expect(notification).toContainText(`Stopping ${count} tasks`);
    await expect(notification).toContainText(`0 stopped, ${count - 1} still stopping, 1 not stopped`);
    await dialog.getByRole('button', { name: 'Done' }).press('Enter');
    await expect(dialog).toBeHidden();
    await settledTransitions(page);
    await expectNoSeriousViolations(page, 'the list with the batch notification in progress');

    await expect(notification).toContainText(`${count - 1} stopped, 1 not stopped`, { timeout: 30_000 });
    await expect(notification).toContainText(`Not stopped: ${refusedName}.`);
    await expect(page.locator(NOTIFICATIONS)).toHaveCount(1);
    expect(await mostAtOnce()).toBe(1);
    await settledTransitions(page);
    await expectNoSeriousViolations(page, 'the list with the batch summary');

    // The report again, from the notification.
    await notification.getByRole('button', { name: 'Show report' }).click();
    const report = page.getByRole('dialog', { name: 'Batch stop report' });
    await expect(report.locator(`[data-task-id="${refusedId}"]`)).toContainText('Refused');
    await expect(report.locator('[data-outcome="accepted"]')).toHaveCount(count - 1);
    await settledTransitions(page); // axe reads colours half-faded while the modal opens
    await expectNoSeriousViolations(page, 'the report opened from the notification');
    await page.keyboard.press('Escape');
    await expect(report).toBeHidden();
  });

  test('all stopped: "N tasks stopped", readable in the dark theme', async ({ page, simulator }) => {
    await simulator.clearFaults(); // using the fixture gives this journey fresh seed data
    await page.emulateMedia({ colorScheme: 'dark' });
    await openMovingTasks(page);
    const count = await page.getByTestId('task-row').count();
    await page.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }).check();
    await page.getByTestId('batch-bar').getByRole('button', { name: `Stop ${count} tasks` }).click();
    const dialog = await confirmBatch(page, count);
    await dialog.getByRole('button', { name: 'Done' }).press('Enter');

    const notification = page.getByTestId('batch-notification');
    await expect(notification).toContainText(`${count} tasks stopped`, { timeout: 30_000 });
    await expect(notification).toContainText('Every task of the batch has stopped (TERMINATED).');
    await expect(page.locator(NOTIFICATIONS)).toHaveCount(1);
    await settledTransitions(page);
    await expectNoSeriousViolations(page, 'the batch summary in the dark theme');
  });
});
