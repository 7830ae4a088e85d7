import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { englishLeftovers, openIncrementalTask, openList, rememberChoices } from './ui-helpers';

const scheme = (page: Page) =>
  page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));

/**
 * Where data from the cloud or the operators shows (names, ids, statuses, addresses, log lines,
 * reasons, error messages of the cloud): left out of the "no English left" check.
 */
const DATA = [
  'code',
  'kbd',
  'pre',
  '[data-testid="task-row"] a',
  '[data-testid="task-status"]',
  '[data-testid="status-badge"]',
  '[data-testid="log-row"]',
  '[data-testid="audit-reason"]',
  '[data-testid="audit-user"]',
  '[data-testid="caught-up-user"]',
  '[data-testid="caught-up-reason"]',
  '[data-testid="last-stop-reason"]',
  '[data-testid="section-overview"] dd',
  '[data-testid="audit-status"]',
  '[data-testid="session-user"]',
  '[data-testid="last-stop"] strong',
  'h1',
  'option',
  '[style*="monospace"]',
];
/** Configured target labels (data of the console's configuration). */
const DATA_VALUES = ['Simulated region 1', 'Simulated region 2'];

test.describe('language and theme', () => {
  test('the choices made in the header survive a reload', async ({ page }) => {
    await openList(page);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByRole('combobox', { name: '主题' }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(page).toHaveTitle(/DCS 数据迁移控制台$/);

    await page.reload();
    await expect(page.getByTestId('task-row').first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
    await expect(page.getByRole('combobox', { name: '主题' })).toHaveValue('dark');

    // And back.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await scheme(page)).toBe('light');
  });

  test('"System" follows the system’s theme, also while the page is open', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openList(page);
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('auto');
    expect(await scheme(page)).toBe('dark');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();

    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => scheme(page)).toBe('light');
    expect(await background()).not.toBe(dark);

    // A chosen theme wins over the system's.
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await expect(page.getByTestId('task-row').first()).toBeVisible();
    expect(await scheme(page)).toBe('dark');
  });

  test('the theme is applied before the app runs (no flash of the wrong theme)', async ({ page }) => {
    await rememberChoices(page, { theme: 'dark' });
    // Without the app's JavaScript, only public/color-scheme.js can have set the theme.
    await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
    await page.goto('/');
    expect(await scheme(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await rememberChoices(page, { theme: 'light' });
    await page.goto('/');
    expect(await scheme(page)).toBe('light');
  });

  test('in Chinese, no English UI text is left on the list, a task page, its logs, the activity, the overview and the stop dialog', async ({
    page,
  }) => {
    await rememberChoices(page, { language: 'zh-CN' });
    const leftovers: string[] = [];
    const check = async (where: string) => {
      for (const line of await englishLeftovers(page, { ignore: DATA, dataValues: DATA_VALUES })) leftovers.push(`${where}: ${line}`);
    };

    await openList(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await check('list');

    await openIncrementalTask(page);
    await page.waitForLoadState('networkidle');
    await check('task page');

    await page.getByRole('tab', { name: '日志' }).or(page.getByRole('link', { name: '日志' })).first().click();
    await expect(page).toHaveURL(/\/logs$/);
    await page.waitForLoadState('networkidle');
    await check('logs tab');

    await page.goBack();
    await page.getByRole('button', { name: '停止', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('stop dialog');
    await page.keyboard.press('Escape');

    await page.goto('/activity');
    await expect(page.getByRole('heading', { level: 1, name: '操作记录' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await check('activity');

    await page.goto('/');
    await expect(page.getByTestId('overview-target')).toHaveCount(2);
    await page.waitForLoadState('networkidle');
    await check('overview');

    expect(leftovers, `English left on Chinese pages:\n${leftovers.join('\n')}`).toEqual([]);
  });
});
