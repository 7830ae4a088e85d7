import type { Locator, Page } from '@playwright/test';
import { expect, rowWithStatus, test } from './fixtures';
import { confirmStop } from './stop-helpers';
import { expectNoSeriousViolations, openIncrementalTask, openList, rememberChoices, type Language, type Theme } from './ui-helpers';

// An on-call operator on a phone (375 px) or a small tablet (768 px): every task row shows its
// name, status and Stop inside the screen, and no page scrolls sideways, in English and Chinese.

const PHONE = { width: 375, height: 800 };
const TABLET = { width: 768, height: 1024 };
const LANGUAGES: Language[] = ['en', 'zh-CN'];

/** The page's width beyond the window, if any (the table's own scroll container does not count). */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  test.info().annotations.push({ type: 'scrollWidth', description: `${what}: ${scrollWidth} (window ${innerWidth})` });
  console.log(`scrollWidth ${what}: ${scrollWidth} (window ${innerWidth})`);
  expect(scrollWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

async function expectOnScreen(part: Locator, width: number, what: string) {
  await expect(part, what).toBeVisible();
  const box = await part.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(width);
}

/** Every row of the first page: its selection box, name, status and Stop on screen. */
async function expectRowsOnScreen(page: Page, width: number) {
  const rows = page.getByTestId('task-row');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const row = rows.nth(i);
    const id = await row.getAttribute('data-task-id');
    await expectOnScreen(row.getByRole('checkbox'), width, `row ${id}: checkbox`);
    await expectOnScreen(row.locator('[data-task-link]'), width, `row ${id}: name`);
    await expectOnScreen(row.locator('[data-status]').first(), width, `row ${id}: status`);
    await expectOnScreen(row.getByTestId('stop-button'), width, `row ${id}: Stop`);
  }
}

test.describe('mobile layout', () => {
  for (const language of LANGUAGES) {
    for (const viewport of [PHONE, TABLET]) {
      test(`task list at ${viewport.width} px, ${language}: name, status and Stop on screen, no sideways scroll`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await rememberChoices(page, { language });
        await openList(page);
        await expectNoSidewaysScroll(page, `list ${viewport.width} ${language}`);
        await expectRowsOnScreen(page, viewport.width);
      });

      test(`task page at ${viewport.width} px, ${language}: no sideways scroll`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await rememberChoices(page, { language });
        await openIncrementalTask(page);
        await page.waitForLoadState('networkidle');
        await expectNoSidewaysScroll(page, `task page ${viewport.width} ${language}`);
        await expectOnScreen(page.getByTestId('stop-button'), viewport.width, 'the task page Stop');
      });

      test(`activity at ${viewport.width} px, ${language}: every time choice on screen, no sideways scroll`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await rememberChoices(page, { language });
        await page.goto('/activity');
        await expect(page.getByTestId('audit-count')).toBeVisible();
        const choices = page.getByRole('radio');
        await expect(choices).toHaveCount(5);
        await expectNoSidewaysScroll(page, `activity ${viewport.width} ${language}`);
        for (let i = 0; i < 5; i += 1) {
          // A segmented control's radio input is hidden; its label is what one taps.
          const label = page.locator(`label[for="${await choices.nth(i).getAttribute('id')}"]`);
          await expectOnScreen(label, viewport.width, `time choice ${i + 1}`);
        }
      });
    }
  }

  for (const language of LANGUAGES) {
    test(`task list at every width from 360 to 1040 px, ${language}: Stop on screen, no sideways scroll`, async ({ page }) => {
      await rememberChoices(page, { language });
      await page.setViewportSize({ width: 1040, height: 800 });
      await openList(page);
      const stops = page.getByTestId('task-row').getByTestId('stop-button');
      // 360 px is the narrowest common phone; the table's breakpoints are container widths, so
      // every step between them is checked, not only the two named sizes.
      for (let width = 1040; width >= 360; width -= 40) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => new Promise(requestAnimationFrame));
        const rights = await stops.evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().right));
        expect(Math.max(...rights), `Stop's right edge at ${width} px`).toBeLessThanOrEqual(width);
        const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        expect(scrollWidth, `page width at ${width} px`).toBeLessThanOrEqual(width);
      }
    });
  }

  test('the phone list selects a task for a batch stop by its checkbox', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await openList(page);
    const row = page.getByTestId('task-row').filter({ has: page.getByTestId('stop-button').and(page.locator(':enabled')) }).first();
    await row.getByRole('checkbox').click();
    await expect(row.getByRole('checkbox')).toBeChecked();
    await expect(page.getByTestId('batch-bar')).toBeVisible();
    await expectNoSidewaysScroll(page, 'list with the batch bar 375 en');
  });

  test('a stop from the phone list, then its record in the activity, in English and Chinese', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await openList(page);
    const row = rowWithStatus(page, 'INCRMIGEATING');
    const name = (await row.locator('[data-task-link]').innerText()).trim();
    await row.getByTestId('stop-button').click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await expect(dialog).toContainText(name);
    await expectNoSidewaysScroll(page, 'stop dialog 375 en');
    await confirmStop(dialog);
    await expect(dialog).toBeHidden({ timeout: 15_000 });

    await page.goto('/activity');
    await expect(page.getByTestId('audit-row').first()).toContainText(name);
    await expectNoSidewaysScroll(page, 'activity with a record 375 en');
    await rememberChoices(page, { language: 'zh-CN' });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '操作记录' })).toBeVisible();
    await expect(page.getByTestId('audit-row').first()).toContainText(name);
    await expectNoSidewaysScroll(page, 'activity with a record 375 zh-CN');
  });

  for (const theme of ['light', 'dark'] as Theme[]) {
    test(`axe at 375 px, ${theme}: list, task page, activity`, async ({ page }) => {
      await page.setViewportSize(PHONE);
      await rememberChoices(page, { theme, language: 'en' });
      await openList(page);
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `the list at 375 px (${theme})`);
      await openIncrementalTask(page);
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `a task page at 375 px (${theme})`);
      await page.goto('/activity');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `the activity at 375 px (${theme})`);
    });
  }
});
