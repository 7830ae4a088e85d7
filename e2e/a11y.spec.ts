import { expect, passOnPageClock, pressRetryUntilVisible, test } from './fixtures';
import { expectNoSeriousViolations, openIncrementalTask, openList, rememberChoices, type Theme } from './ui-helpers';

// axe on every page and dialog, in both themes: no serious or critical violation (WCAG 2.1 A/AA
// and best practices). The violations are printed readably when there are some.
for (const theme of ['light', 'dark'] as Theme[]) {
  test.describe(`accessibility, ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await rememberChoices(page, { theme, language: 'en' });
    });

    test('task list', async ({ page }) => {
      await openList(page);
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `the task list (${theme})`);
    });

    test('task page, with the stop-when-caught-up controls', async ({ page }) => {
      await openIncrementalTask(page);
      await expect(page.getByRole('form', { name: 'Stop when caught up' })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `a task page (${theme})`);
    });

    test('logs tab', async ({ page }) => {
      await openIncrementalTask(page);
      await page.getByRole('tab', { name: 'Logs' }).or(page.getByRole('link', { name: 'Logs' })).first().click();
      await expect(page).toHaveURL(/\/logs$/);
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `the logs tab (${theme})`);
    });

    test('stop dialog', async ({ page }) => {
      await openIncrementalTask(page);
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Stop migration task?' })).toBeVisible();
      await expectNoSeriousViolations(page, `the stop dialog (${theme})`);
    });

    test('batch-stop dialog', async ({ page }) => {
      await page.goto('/?status=INCRMIGEATING,FULLMIGRATING,MIGRATING');
      await expect(page.getByTestId('task-row').first()).toBeVisible();
      await page.getByRole('checkbox', { name: 'Select all stoppable tasks on this page' }).check();
      await page.getByTestId('batch-bar').getByRole('button', { name: /^Stop \d+ tasks?$/ }).click();
      await expect(page.getByRole('dialog', { name: /^Stop \d+ migration tasks?\?$/ })).toBeVisible();
      await expectNoSeriousViolations(page, `the batch-stop dialog (${theme})`);
    });

    test('activity', async ({ page }) => {
      await page.goto('/activity');
      await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `the activity (${theme})`);
    });

    test('errors: a failed load (red alert with Retry) and stale data (yellow banner)', async ({ page, simulator }) => {
      // The page's retry waits and polls pass on its own clock, moved by the test (passOnPageClock).
      await page.clock.install();
      await simulator.fault({ status: 500, error_code: 'DCS.5000', error_msg: 'Internal service error.' });
      await page.goto('/targets/sim-region-1');
      await passOnPageClock(page, () => expect(page.getByTestId('error-alert')).toBeVisible({ timeout: 250 }));
      await expectNoSeriousViolations(page, `a failed load (${theme})`);

      await simulator.clearFaults();
      // Retry, as the operator would: a list that never loaded checks again only every 30 s.
      await pressRetryUntilVisible(page.getByTestId('error-alert').getByRole('button', { name: 'Retry' }), page.getByTestId('task-row').first());
      await simulator.fault({ status: 500, error_code: 'DCS.5000', error_msg: 'Internal service error.' });
      await passOnPageClock(page, () => expect(page.getByTestId('stale-data')).toBeVisible({ timeout: 250 }));
      await expectNoSeriousViolations(page, `stale data (${theme})`);
      await simulator.clearFaults();
    });

    test('overview', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await expect(page.getByTestId('overview-target')).toHaveCount(2);
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, `the overview (${theme})`);
    });

    test('page not found', async ({ page }) => {
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectNoSeriousViolations(page, `page not found (${theme})`);
    });
  });
}
