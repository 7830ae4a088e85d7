import type { Locator } from '@playwright/test';
import { expect, rowWithStatus, test } from './fixtures';
import { openList } from './ui-helpers';

// The created time of a task row is no Tab stop of its own; its exact time shows while the
// keyboard is in the row, and a mouse click on the row's link does not move the link.

/** The exact time's box: 1 px (left to screen readers) or the size of its text (on screen). */
const exactWidth = (row: Locator) => row.locator('[data-column="created"] .dcs-time-exact').evaluate((element) => element.getBoundingClientRect().width);

test.describe('created times in the task list', () => {
  test('Tab crosses a row in four stops (select, task, copy id, stop), none on its time', async ({ page }) => {
    await openList(page);
    // A row that can be stopped (its checkbox enabled, a Stop button): journeys before this one on
    // the worker's console may have stopped the first rows.
    const row = rowWithStatus(page, 'INCRMIGEATING').first();
    await row.getByRole('checkbox').focus();
    const stops: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const inRow = await row.evaluate((element) => element.contains(document.activeElement));
      if (!inRow) break;
      stops.push(await page.evaluate(() => document.activeElement!.tagName.toLowerCase()));
      await page.keyboard.press('Tab');
    }
    expect(stops).toEqual(['input', 'a', 'button', 'button']);
  });

  test('j shows the exact created time of the row it moves to; a mouse click does not', async ({ page }) => {
    await openList(page);
    const rows = page.getByTestId('task-row');
    const first = rows.first();
    expect(await exactWidth(first)).toBeLessThanOrEqual(1);

    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('j');
    await expect(first.locator('[data-task-link]')).toBeFocused();
    await expect.poll(() => exactWidth(first)).toBeGreaterThan(20);
    const exact = (await first.locator('[data-column="created"] .dcs-time-exact').innerText()).trim();
    expect(exact).toMatch(/^\(\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d .+\)$/);
    expect(await first.locator('[data-column="created"] time').getAttribute('title')).toContain(exact.slice(1, -1));

    await page.keyboard.press('j');
    await expect.poll(() => exactWidth(first)).toBeLessThanOrEqual(1);
    expect(await exactWidth(rows.nth(1))).toBeGreaterThan(20);

    // A click focuses the checkbox without the keyboard: the time stays short, nothing moves.
    // A row further down whose checkbox is enabled (earlier journeys may have stopped some tasks).
    const further = rows.filter({ has: page.getByRole('checkbox', { disabled: false }) }).last();
    await further.getByRole('checkbox').click();
    await expect(further.getByRole('checkbox')).toBeFocused();
    expect(await exactWidth(further)).toBeLessThanOrEqual(1);
  });
});
