import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from './fixtures';
import { openIncrementalTask, openList, rememberChoices, type Language, type Theme } from './ui-helpers';

// Screenshots of the list and a task page in both themes (and in Chinese), for review:
// e2e/.output/screenshots/{list,task}-{light,dark}[-zh-CN].png.
const DIR = fileURLToPath(new URL('./.output/screenshots/', import.meta.url));
mkdirSync(DIR, { recursive: true });

const CASES: { theme: Theme; language: Language }[] = [
  { theme: 'light', language: 'en' },
  { theme: 'dark', language: 'en' },
  { theme: 'light', language: 'zh-CN' },
  { theme: 'dark', language: 'zh-CN' },
];

test.describe('screenshots', () => {
  for (const { theme, language } of CASES) {
    const suffix = `${theme}${language === 'en' ? '' : `-${language}`}`;
    test(`list and task page, ${theme} theme, ${language}`, async ({ page }) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await rememberChoices(page, { theme, language });
      await openList(page);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${DIR}list-${suffix}.png`, fullPage: true });
      await openIncrementalTask(page);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${DIR}task-${suffix}.png`, fullPage: true });
    });
  }
});
