import type { Page } from '@playwright/test';
import { expect, rowWithStatus, test } from './fixtures';
import { confirmStop } from './stop-helpers';
import { rememberChoices, type Language } from './ui-helpers';

// Issue 16, finding 7: at 1280, 1366 and 375 px, in English and Chinese, nothing in a table cell
// runs into the next column; on a phone the first task is on the first screen with its name on one
// line, and Activity's outcome and reason are on screen; in the dark theme a row that cannot be
// selected looks so.

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 375, height: 812 },
];
const LANGUAGES: Language[] = ['en', 'zh-CN'];

/** Each visible cell whose content reaches past its left or right edge, named by column and text. */
function overflowingCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const cell of document.querySelectorAll<HTMLTableCellElement>('table td, table th')) {
      if (cell.offsetParent === null) continue;
      const edge = cell.getBoundingClientRect();
      for (const part of cell.querySelectorAll<HTMLElement>('*')) {
        const box = part.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(part).position === 'absolute') continue;
        if (box.right > edge.right + 1 || box.left < edge.left - 1) {
          found.push(`${cell.dataset.column ?? cell.dataset.label ?? cell.cellIndex}: "${(part.textContent ?? '').slice(0, 40)}" by ${Math.round(Math.max(box.right - edge.right, edge.left - box.left))} px`);
          break;
        }
      }
    }
    return found;
  });
}

test.describe('layout', () => {
  for (const language of LANGUAGES) {
    for (const viewport of WIDTHS) {
      test(`task list at ${viewport.width} px, ${language}: no cell runs into the next${viewport.width < 600 ? '; first task on the first screen, names on one line' : ''}`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await rememberChoices(page, { language });
        // Twenty rows: every status of the seed, MIGRATION_FAILED and the longest names among them.
        await page.goto('/targets/sim-region-1?size=20');
        const rows = page.getByTestId('task-row');
        await expect(rows.first()).toBeVisible();
        await expect(rows).toHaveCount(20);
        expect(await overflowingCells(page)).toEqual([]);
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        if (viewport.width < 600) {
          const first = await rows.first().boundingBox();
          expect(first!.y + first!.height, 'the first row ends on the first screen').toBeLessThanOrEqual(viewport.height);
          const lines = await rows.locator('[data-task-link]').evaluateAll((links) =>
            links.map((link) => [link.textContent, Math.round(link.getBoundingClientRect().height / parseFloat(getComputedStyle(link).lineHeight))]),
          );
          expect(lines.filter(([, count]) => count !== 1), 'names on more than one line').toEqual([]);
        }
      });
    }

    test(`activity at 375 px, ${language}: each record's outcome and reason on screen`, async ({ page }) => {
      await page.goto('/targets/sim-region-1');
      const row = rowWithStatus(page, 'INCRMIGEATING');
      const name = (await row.locator('[data-task-link]').innerText()).trim();
      await row.getByTestId('stop-button').click();
      const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
      await dialog.getByRole('textbox', { name: 'Reason' }).fill('Cut-over finished, checked with the application team');
      await confirmStop(dialog);
      await expect(dialog).toBeHidden();

      await page.setViewportSize({ width: 375, height: 812 });
      await rememberChoices(page, { language });
      await page.goto(`/activity?task_name=${encodeURIComponent(name)}`);
      const record = page.getByTestId('audit-row').first();
      await expect(record).toBeVisible();
      for (const part of [record.getByTestId('audit-outcome'), record.getByTestId('audit-reason')]) {
        await part.scrollIntoViewIfNeeded();
        const box = await part.boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      }
      await expect(record.getByTestId('audit-reason')).toHaveText('Cut-over finished, checked with the application team');
      expect(await overflowingCells(page)).toEqual([]);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    });
  }

  for (const viewport of [{ width: 1366, height: 768 }, { width: 375, height: 667 }]) {
    test(`stop dialog at ${viewport.width}×${viewport.height}: the confirm field and Stop are on screen without scrolling (finding 4)`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto('/targets/sim-region-1');
      const row = rowWithStatus(page, 'INCRMIGEATING');
      await row.getByTestId('stop-button').click();
      const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
      const confirmName = dialog.getByTestId('stop-type-to-confirm');
      const stop = dialog.getByRole('button', { name: 'Stop task' });
      await expect(stop).toBeVisible();
      await expect(confirmName).toBeFocused();
      for (const part of [confirmName, stop, dialog.getByRole('button', { name: 'Cancel' })]) {
        const box = (await part.boundingBox())!;
        expect(box.y, 'top on screen').toBeGreaterThanOrEqual(0);
        expect(box.y + box.height, 'bottom on screen').toBeLessThanOrEqual(viewport.height);
        expect(box.x + box.width, 'right edge on screen').toBeLessThanOrEqual(viewport.width);
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });
  }

  test('dark theme: a row that cannot be selected does not look like one that can', async ({ page }) => {
    await rememberChoices(page, { theme: 'dark' });
    await page.goto('/targets/sim-region-1?size=20');
    const boxes = page.getByTestId('task-row').getByRole('checkbox');
    await expect(boxes.first()).toBeVisible();
    const look = (box: HTMLElement) => {
      const style = getComputedStyle(box);
      return `${style.backgroundColor} ${style.borderStyle} ${style.opacity}`;
    };
    const enabled = await boxes.and(page.locator(':enabled')).first().evaluate(look);
    const disabled = await boxes.and(page.locator(':disabled')).first().evaluate(look);
    expect(disabled).not.toBe(enabled);
  });
});
