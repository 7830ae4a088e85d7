// Helpers of the theme, language, accessibility and screenshot journeys (i18n-theme, a11y,
// screenshots specs): open pages and dialogs by role and name, choose theme and language before a
// page loads, run axe, find English left on a Chinese page.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { rowWithStatus } from './fixtures';

export type Theme = 'light' | 'dark';
export type Language = 'en' | 'zh-CN';

/** Theme and language as if chosen earlier (localStorage), applied before the page's first paint. */
export async function rememberChoices(page: Page, { theme, language }: { theme?: Theme; language?: Language }) {
  await page.addInitScript(
    ([scheme, locale]) => {
      if (scheme) window.localStorage.setItem('dcs-console.color-scheme', scheme);
      if (locale) window.localStorage.setItem('dcs-console.locale', locale);
    },
    [theme, language] as const,
  );
}

export async function openList(page: Page) {
  await page.goto('/targets/sim-region-1');
  await expect(page.getByTestId('task-row').first()).toBeVisible();
}

/**
 * The task page of an incremental migration in incremental sync (Stop and stop-when-caught-up
 * apply): the list's first by default, or its `which`-th (from 0) or last.
 */
export async function openIncrementalTask(page: Page, which: number | 'last' = 0): Promise<{ taskId: string; name: string }> {
  await page.goto('/targets/sim-region-1');
  await expect(rowWithStatus(page, 'INCRMIGEATING')).toBeVisible();
  const rows = page.getByTestId('task-row').filter({ hasText: 'INCRMIGEATING' });
  await (which === 'last' ? rows.last() : rows.nth(which)).getByRole('link').first().click();
  await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
  const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  return { taskId: /\/tasks\/([^/?]+)/.exec(page.url())![1]!, name };
}

/** Serious and critical axe violations of the page as it is (WCAG 2.1 A/AA rules and best practices). */
export async function seriousViolations(page: Page) {
  // Only violations are reported in full: axe skips building the passes' node details, about half its time.
  // Axe runs wholly in the page ("legacy mode"): by default it gathers results in a new blank page
  // per run, a renderer started and axe loaded again each time, for frames this console never has.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Axe's findings, one line per element, for the failure message. */
export function describeViolations(violations: Awaited<ReturnType<typeof seriousViolations>>): string {
  return violations
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`),
        v.nodes.length > 8 ? `    … and ${v.nodes.length - 8} more` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}

export async function expectNoSeriousViolations(page: Page, what: string) {
  const violations = await seriousViolations(page);
  expect(violations, `axe on ${what}:\n${describeViolations(violations)}`).toEqual([]);
}

/**
 * Visible text and labels (aria-label, title, placeholder) that look like English UI text: two or
 * more words where the words after the first are lower-case letters ("Stop task", "the log"), or
 * one capitalised word on its own ("Refresh").
 * Data from the cloud is left out: elements matching `ignore` (task names, ids, statuses, log
 * lines, reasons, addresses…) and the exact `dataValues`.
 */
export async function englishLeftovers(page: Page, { ignore, dataValues = [] }: { ignore: string[]; dataValues?: string[] }) {
  return page.evaluate(
    ({ ignoreSelector, data }) => {
      const english = /\b[A-Za-z][a-z]+(?:[ \u00a0]+[a-z]{2,})+\b/;
      // A lone word is a label too ("Refresh", "Logs", "stopped"); data values are ids and names
      // with digits or dashes, or statuses in capitals.
      const word = /^[A-Za-z][a-z]{2,}$/;
      const found = new Set<string>();
      const where = (element: Element) => {
        const testId = element.closest('[data-testid]')?.getAttribute('data-testid');
        const dialog = element.closest('[role="dialog"]') ? 'dialog ' : '';
        return `${dialog}${testId ? `[data-testid=${testId}] ` : ''}<${element.tagName.toLowerCase()}>`;
      };
      const consider = (text: string, element: Element, kind: string) => {
        const trimmed = text.replace(/\s+/g, ' ').trim();
        if (!trimmed || data.includes(trimmed)) return;
        const match = english.exec(trimmed) ?? word.exec(trimmed);
        if (match && !data.some((value) => trimmed.includes(value) && value.includes(match[0]))) {
          found.add(`${where(element)} ${kind}: "${trimmed.slice(0, 140)}"`);
        }
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(ignoreSelector) || parent.closest('script, style, noscript')) continue;
        if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
        // Screen-reader-only text counts too: it is UI text (Mantine's VisuallyHidden is still "visible" here).
        consider(node.textContent ?? '', parent, 'text');
      }
      for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
        // aria-hidden labels are not exposed (e.g. Mantine's hidden "autosize measurement" textarea).
        if (element.closest(ignoreSelector) || element.closest('[aria-hidden="true"]')) continue;
        if (!element.checkVisibility({ visibilityProperty: true })) continue;
        for (const attribute of ['aria-label', 'title', 'placeholder']) {
          const value = element.getAttribute(attribute);
          if (value) consider(value, element, attribute);
        }
      }
      return [...found];
    },
    { ignoreSelector: ignore.join(', '), data: dataValues },
  );
}
