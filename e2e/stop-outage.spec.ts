import type { Locator, Page } from '@playwright/test';
import { expect, passOnPageClock, rowWithStatus, test } from './fixtures';

// The stop dialog while the cloud is down: it says how old its data is and that the cloud is not
// answering, Stop is still possible, the outcome shows at the top of the dialog without scrolling,
// and no notification covers the dialog's actions.

/** The element at the centre of `locator` is the control itself (or inside it): nothing covers it. */
async function expectUncovered(page: Page, locator: Locator) {
  await expect(locator).toBeInViewport({ ratio: 1 });
  const handle = await locator.elementHandle();
  const uncovered = await page.evaluate((element) => {
    const box = element!.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element!.contains(hit));
  }, handle);
  expect(uncovered, 'the element at the centre of the control is the control').toBe(true);
}

test.describe('the stop dialog when the cloud goes down', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('shows the data’s age and "not answering", stops anyway, and shows the outcome at the top', async ({ page, simulator }) => {
    test.setTimeout(120_000);
    try {
      // The page's clock moves on the test's word: its 5 s progress polls and retry waits pass at once.
      await page.clock.install();
      await page.goto('/targets/sim-region-1');
      const link = rowWithStatus(page, 'INCRMIGEATING').getByRole('link').first();
      const taskName = (await link.innerText()).trim();
      await link.click();
      await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');

      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
      await expect(dialog.getByTestId('stop-dialog-target')).toContainText('Simulated region 1');
      const age = dialog.getByTestId('stop-data-age');
      await expect(age).toHaveText(/^Progress read \d+ s ago$/);
      const typed = dialog.getByRole('textbox', { name: `Type the task name ${taskName} to confirm` });
      await expect(typed).toBeFocused();

      // The cloud goes away with the dialog open: the progress polls fail and the figures age.
      await simulator.down();
      const notAnswering = dialog.getByTestId('stop-cloud-not-answering');
      await passOnPageClock(page, () => expect(notAnswering).toBeVisible({ timeout: 250 }), { timeout: 45_000 });
      await expect(notAnswering).toContainText('The cloud is not answering');
      await expect(notAnswering).toContainText('You can still stop the task.');
      await expect(age).toHaveText(/^Progress read (\d+ s|\d+ min) ago$/);
      const seconds = Number((await age.innerText()).match(/(\d+) s/)?.[1] ?? 60);
      expect(seconds).toBeGreaterThanOrEqual(5);

      // The actions are on screen and uncovered before the stop…
      const confirm = dialog.getByRole('button', { name: 'Stop task' });
      const cancel = dialog.getByRole('button', { name: 'Cancel' });
      await typed.fill(taskName);
      await expect(confirm).toBeEnabled();
      await expectUncovered(page, confirm);
      await expectUncovered(page, cancel);

      // …Enter in the name field stops; the answer cannot come: the outcome is unknown, shown first.
      await typed.press('Enter');
      const outcome = dialog.getByTestId('stop-outcome-unknown');
      await expect(outcome).toBeVisible({ timeout: 30_000 });
      await expect(outcome).toContainText('Outcome of the stop unknown');
      await expect(outcome.getByText('Outcome of the stop unknown')).toBeInViewport({ ratio: 1 });
      const scrolled = await dialog.getByTestId('stop-dialog-scroll').evaluate((element) => element.scrollTop);
      expect(scrolled).toBe(0);
      const outcomeBox = (await outcome.boundingBox())!;
      const nameBox = (await dialog.getByTestId('stop-dialog-task-name').boundingBox())!;
      expect(outcomeBox.y).toBeLessThan(nameBox.y);

      // …and after it, with whatever notifications the stop raised: the actions are still uncovered.
      await expectUncovered(page, cancel);
      await expectUncovered(page, confirm);
    } finally {
      await simulator.up();
    }
  });
});
