import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoSeriousViolations, openList, rememberChoices, type Language, type Theme } from './ui-helpers';

// The header is one row from 1024 px up, in English and in Chinese (whose labels differ), and
// never makes the page scroll sideways on a phone.

/** The header's visible parts: links, selects, buttons, who is signed in and how. */
const ITEMS = 'a, select, button, [data-testid="session-user"], [data-testid="session-roles"], [data-testid="auth-mode"]';

interface Box {
  what: string;
  top: number;
  bottom: number;
  height: number;
}

async function headerBoxes(page: Page): Promise<{ header: Box; items: Box[]; selects: Box[] }> {
  return page.getByRole('banner').evaluate((header, selector) => {
    const box = (element: Element): Box => {
      const rect = element.getBoundingClientRect();
      const what = `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}"`;
      return { what, top: rect.top, bottom: rect.bottom, height: rect.height };
    };
    // Parts left to screen readers (clipped to 1 px) are not on screen.
    const shown = [...header.querySelectorAll(selector)].filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 1 && rect.height > 1;
    });
    return { header: box(header), items: shown.map(box), selects: shown.filter((e) => e.tagName === 'SELECT').map(box) };
  }, ITEMS);
}

async function expectOneRow(page: Page) {
  const { header, items, selects } = await headerBoxes(page);
  expect(items.length, 'header parts found').toBeGreaterThanOrEqual(6);
  const describe = items.map((item) => `${item.what}: ${item.top.toFixed(0)}–${item.bottom.toFixed(0)}`).join('\n');
  // One row: a horizontal line crosses every part, their middles level, the selects' tops equal.
  const lowestTop = Math.max(...items.map((item) => item.top));
  const highestBottom = Math.min(...items.map((item) => item.bottom));
  expect(lowestTop, `every part on one row:\n${describe}`).toBeLessThan(highestBottom);
  const middles = items.map((item) => (item.top + item.bottom) / 2);
  expect(Math.max(...middles) - Math.min(...middles), `parts level:\n${describe}`).toBeLessThanOrEqual(4);
  const selectTops = selects.map((select) => select.top);
  expect(Math.max(...selectTops) - Math.min(...selectTops), `selects share their top:\n${describe}`).toBeLessThanOrEqual(1);
  // And the header is that row's height (plus its padding and border), not more.
  const tallest = Math.max(...items.map((item) => item.height));
  expect(header.height, `header height with its tallest part ${tallest}px`).toBeLessThanOrEqual(tallest + 20);
  return header.height;
}

const LANGUAGES: Language[] = ['en', 'zh-CN'];

test.describe('header layout', () => {
  for (const language of LANGUAGES) {
    for (const width of [1440, 1280, 1024]) {
      test(`one row at ${width} px, ${language}`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await rememberChoices(page, { language });
        await openList(page);
        await expect(page.getByRole('banner').getByTestId('session-user')).toBeVisible();
        await expectOneRow(page);
        await expect(page.getByRole('banner').getByRole('combobox')).toHaveCount(3);
      });
    }

    for (const width of [1440, 1280]) {
      test(`one row at ${width} px with a long user name, single sign-on and Sign out, ${language}`, async ({ page }) => {
        await page.route('**/api/session', async (route) => {
          const response = await route.fetch();
          const session = (await response.json()) as Record<string, unknown>;
          await route.fulfill({
            response,
            json: {
              ...session,
              user: { name: 'jane.doe-operations@example.com' },
              auth_mode: 'oidc',
              logout_url: '/auth/logout',
              expires_at: '2099-01-01T08:00:00.000Z',
            },
          });
        });
        await page.setViewportSize({ width, height: 900 });
        await rememberChoices(page, { language });
        await openList(page);
        await expect(page.getByRole('banner').getByRole('button')).toBeVisible();
        await expectOneRow(page);
      });
    }

    test(`no sideways scrolling at 375 px, ${language}`, async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 800 });
      await rememberChoices(page, { language });
      await openList(page);
      const widths = await page.evaluate(() => ({
        page: document.scrollingElement!.scrollWidth,
        viewport: window.innerWidth,
        header: document.querySelector('header')!.scrollWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      expect(widths.header).toBeLessThanOrEqual(widths.viewport);
      // Every switch is still there, named.
      const banner = page.getByRole('banner');
      const names = language === 'en' ? ['Target', 'Language', 'Theme'] : ['目标', '语言', '主题'];
      for (const name of names) await expect(banner.getByRole('combobox', { name })).toBeVisible();
    });
  }

  // The icon-only switches show from 1024 to 1439 px (a11y.spec.ts covers 1280 px too).
  for (const theme of ['light', 'dark'] as Theme[]) {
    test(`the compact header at 1024 px passes axe, ${theme} theme`, async ({ page }) => {
      await page.setViewportSize({ width: 1024, height: 800 });
      await rememberChoices(page, { theme, language: 'en' });
      await openList(page);
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `the list at 1024 px (${theme})`);
    });
  }
});
