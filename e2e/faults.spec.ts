import type { Page } from '@playwright/test';
import { expect, passOnPageClock, pressRetryUntilVisible, rowWithStatus, test, type SimulatorControl } from './fixtures';
import { confirmStop } from './stop-helpers';

// Each way the cloud misbehaves, seen from each view: the operator gets a readable error within
// the timeout (3 s here) plus retries, data already on screen stays (marked stale), and the
// console recovers by itself once the fault clears.
interface Fault {
  name: string;
  /** What the operator reads: the DCS code, or the console's words for a transport failure. */
  shows: RegExp;
  /** Whether a stop hit by this fault has an unknown outcome (the cloud may have applied it). */
  stopOutcomeUnknown: boolean;
  inject(simulator: SimulatorControl, route?: string): Promise<void>;
}

const FAULTS: Fault[] = [
  { name: '500 DCS.5000', shows: /DCS\.5000/, stopOutcomeUnknown: false, inject: (s, route) => s.fault({ route, status: 500, error_code: 'DCS.5000', error_msg: 'Internal service error.' }) },
  { name: '429 throttled', shows: /APIGW\.0308/, stopOutcomeUnknown: false, inject: (s, route) => s.fault({ route, status: 429, retry_after: 1 }) },
  { name: 'timeout', shows: /UPSTREAM_TIMEOUT|did not answer/i, stopOutcomeUnknown: true, inject: (s, route) => s.fault({ route, hang: true }) },
  { name: 'dropped connection', shows: /UPSTREAM_UNREACHABLE|cannot be reached|UPSTREAM_BAD_RESPONSE/i, stopOutcomeUnknown: true, inject: (s, route) => s.fault({ route, drop: 'mid_response' }) },
  { name: 'simulator down', shows: /UPSTREAM_UNREACHABLE|cannot be reached/i, stopOutcomeUnknown: true, inject: (s) => s.down() },
];

/** The page's clock moves a poll interval (5 s) per miss: each step lets the next poll or retry out. */
const PAGE_STEP = { stepMs: 5_000 };

async function heal(simulator: SimulatorControl): Promise<void> {
  await simulator.clearFaults();
  await simulator.up();
}

async function openRunningTask(page: Page): Promise<string> {
  await page.goto('/targets/sim-region-1');
  await rowWithStatus(page, 'INCRMIGEATING').getByRole('link').first().click();
  await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
  return page.url().split('/tasks/')[1]!;
}

for (const fault of FAULTS) {
  test.describe(`when the cloud fails: ${fault.name}`, () => {
    test('the list keeps its rows, marked stale, then recovers', async ({ page, simulator }) => {
      // The page's clock moves on the test's word: its 5 s polls and retry waits pass at once, the
      // cloud's failures (timeouts included) still take their real time.
      await page.clock.install();
      await page.goto('/targets/sim-region-1');
      await expect(page.getByTestId('task-row').first()).toBeVisible();
      const rows = await page.getByTestId('task-row').count();
      await fault.inject(simulator);
      await passOnPageClock(page, () => expect(page.getByTestId('stale-data')).toBeVisible({ timeout: 250 }), PAGE_STEP);
      await expect(page.getByTestId('stale-data')).toContainText(fault.shows);
      await expect(page.getByTestId('task-row')).toHaveCount(rows);
      await heal(simulator);
      await passOnPageClock(page, () => expect(page.getByTestId('stale-data')).toBeHidden({ timeout: 250 }), PAGE_STEP);
    });

    test('a first load shows a readable error with Retry, then recovers', async ({ page, simulator }) => {
      await fault.inject(simulator);
      await page.clock.install(); // the page's retry waits (1 s, then 2 s) pass on the test's word
      await page.goto('/targets/sim-region-1');
      // An error alert, or (when the console's 1 s cache still held the list) rows marked stale.
      const alert = page.getByTestId('error-alert').or(page.getByTestId('stale-data')).first();
      await passOnPageClock(page, () => expect(alert).toBeVisible({ timeout: 250 }), PAGE_STEP);
      await expect(alert).toContainText(fault.shows, { timeout: 12_000 });
      await heal(simulator);
      // The page's clock stands still, so it retries no more by itself: the operator presses Retry
      // (a list that never loaded would check again only every 30 s).
      await pressRetryUntilVisible(page.getByRole('button', { name: 'Retry' }).first(), page.getByTestId('task-row').first());
    });

    test('the task page keeps its data, marked stale, then recovers', async ({ page, simulator }) => {
      await page.clock.install();
      await openRunningTask(page);
      await fault.inject(simulator);
      await passOnPageClock(page, () => expect(page.getByTestId('stale-data').first()).toBeVisible({ timeout: 250 }), PAGE_STEP);
      await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
      await heal(simulator);
      await passOnPageClock(page, () => expect(page.getByTestId('stale-data')).toHaveCount(0, { timeout: 250 }), PAGE_STEP);
    });

    test('the stop dialog says what happened, and the console follows the real status', async ({ page, simulator }) => {
      await openRunningTask(page);
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
      await fault.inject(simulator, 'POST /migration-task/{id}/stop');
      await confirmStop(dialog);
      if (fault.stopOutcomeUnknown) {
        await expect(page.getByTestId('stop-outcome-unknown').first()).toBeVisible({ timeout: 12_000 });
      } else {
        await expect(dialog).toContainText(fault.shows, { timeout: 12_000 });
      }
      const stops = (await simulator.requests()).routes['POST /migration-task/{id}/stop'];
      expect(stops, 'a stop is never retried').toBe(1);
      await heal(simulator);
      if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Cancel' }).click();
      // A dropped answer may come after the cloud applied the stop: the console shows the real
      // status either way, and offers Stop again only if the task is still migrating.
      await expect(page.getByTestId('task-status')).toContainText(/INCRMIGEATING|TERMINAT/, { timeout: 20_000 });
      if ((await page.getByTestId('task-status').innerText()).includes('INCRMIGEATING')) {
        await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled({ timeout: 20_000 });
      }
    });
  });
}
