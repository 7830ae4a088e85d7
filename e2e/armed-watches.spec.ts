// An armed stop-when-caught-up watch stays visible: a live badge in the task's header, and a row
// in the activity page's "Armed stop-when-caught-up watches", where an operator may cancel it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openIncrementalTask } from './ui-helpers';

/** Through the form and its confirm step (the task's name typed), as e2e/caught-up.spec.ts does. */
async function armWatch(page: Page, name: string) {
  const form = page.getByRole('form', { name: 'Stop when caught up' });
  await form.getByRole('textbox', { name: 'Offset threshold' }).fill('1000');
  await form.getByRole('textbox', { name: 'Polls in a row' }).fill('3');
  await form.getByRole('textbox', { name: 'Poll interval (seconds)' }).fill('2');
  await form.getByRole('textbox', { name: 'Reason' }).fill('e2e armed watch');
  await form.getByRole('button', { name: 'Stop when caught up' }).click();
  const confirm = page.getByRole('group', { name: `Stop ${name} once it has caught up?` });
  await confirm.getByRole('textbox', { name: `Type the task name ${name} to confirm` }).fill(name);
  await confirm.getByRole('button', { name: 'Schedule the stop' }).click();
  await expect(page.getByTestId('caught-up-watch').getByTestId('caught-up-state')).toHaveText('Waiting to catch up');
}

test('an armed watch shows in the task header and on the activity page, where it can be cancelled', async ({ page, simulator }) => {
  // The last one: other journeys on this worker's console take the first ones, and a cancelled
  // watch stays on its task's page as the task's latest.
  const { taskId, name } = await openIncrementalTask(page, 'last');
  await simulator.pinProgress(taskId, { offset: 50_000 }); // above the threshold: the watch keeps waiting
  await armWatch(page, name);

  const badge = page.getByTestId('caught-up-badge');
  await expect(badge).toHaveText('Stop when caught up: 0 of 3 polls at or under 1,000');
  await expect(badge).toHaveAttribute('href', '#stop-when-caught-up');

  await page.getByRole('link', { name: 'Activity' }).click();
  const section = page.getByTestId('armed-watches');
  await expect(section.getByRole('heading', { name: 'Armed stop-when-caught-up watches' })).toBeVisible();
  const row = section.getByTestId('armed-watch').filter({ has: page.getByRole('link', { name }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('1,000');
  await expect(row.getByTestId('armed-watch-polls')).toHaveText('0 of 3 in a row');
  await expect(row.getByRole('link', { name })).toHaveAttribute('href', `/targets/sim-region-1/tasks/${taskId}`);

  await row.getByRole('button', { name: 'Cancel the watch' }).click();
  await row.getByRole('button', { name: 'Yes, cancel the watch' }).click();
  await expect(row).toHaveCount(0);

  await page.goBack();
  await expect(page.getByTestId('caught-up-watch').getByTestId('caught-up-state')).toHaveText('Cancelled');
  await expect(page.getByTestId('caught-up-badge')).toHaveCount(0);
  expect((await simulator.requests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(0);
});
