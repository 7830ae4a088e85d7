import type { Page } from '@playwright/test';
import { expect, rowWithStatus, test } from './fixtures';
import { SIMULATOR_PORT } from './playwright.config';

/** Pins the simulated task's offset (see src/simulator/control.ts): constant, or draining to 0 over drain_ms. */
async function pinOffset(taskId: string, offset: number | null, drainMs?: number) {
  const res = await fetch(`http://127.0.0.1:${SIMULATOR_PORT}/__simulator/tasks/${taskId}/progress`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(drainMs === undefined ? { offset } : { offset, drain_ms: drainMs }),
  });
  if (!res.ok) throw new Error(`pin progress: ${res.status} ${await res.text()}`);
}

/** Opens the n-th incremental task in incremental sync and returns its id. */
async function openIncrementalTask(page: Page, nth = 0): Promise<string> {
  await page.goto('/');
  await expect(rowWithStatus(page, 'INCRMIGEATING')).toBeVisible();
  await page.getByTestId('task-row').filter({ hasText: 'INCRMIGEATING' }).nth(nth).getByRole('link').first().click();
  await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
  return /\/tasks\/([^/?]+)/.exec(page.url())![1]!;
}

async function setWatch(page: Page, { polls, interval }: { polls: number; interval: number }) {
  const form = page.getByRole('form', { name: 'Stop when caught up' });
  await form.getByRole('textbox', { name: 'Polls in a row' }).fill(String(polls));
  await form.getByRole('textbox', { name: 'Poll interval (seconds)' }).fill(String(interval));
  await form.getByRole('textbox', { name: 'Reason' }).fill('e2e caught up');
  await form.getByRole('button', { name: 'Stop when caught up' }).click();
}

test.describe('stop when caught up', () => {
  test('waits while the offset is high, survives a reload, then the server stops the task once it has caught up', async ({ page, simulator }) => {
    const taskId = await openIncrementalTask(page);
    await pinOffset(taskId, 50_000);
    await setWatch(page, { polls: 2, interval: 2 });

    const watch = page.getByTestId('caught-up-watch');
    await expect(watch.getByTestId('caught-up-state')).toHaveText('Waiting to catch up');
    await expect(watch.getByTestId('caught-up-next-poll')).toHaveText(/^(in \d+ s|now)$/);
    await expect(watch.getByTestId('caught-up-last-offset')).toHaveText('50,000', { timeout: 10_000 });
    await expect(watch).toContainText('0 of 2 polls in a row caught up');

    // Server-side: a reload shows the same watch.
    await page.reload();
    await expect(page.getByTestId('caught-up-watch').getByTestId('caught-up-state')).toHaveText('Waiting to catch up');
    await expect(page.getByTestId('caught-up-watch')).toContainText('e2e caught up');

    await pinOffset(taskId, 0);
    await expect(page.getByTestId('caught-up-watch')).toContainText(/1 of 2 polls in a row caught up|Done: stopped/, { timeout: 10_000 });
    await expect(page.getByTestId('caught-up-state')).toHaveText('Done: stopped', { timeout: 15_000 });
    await expect(page.getByTestId('task-status')).toContainText(/TERMINATING|TERMINATED/);
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop']).toBe(1);
    await expect(page.getByRole('form', { name: 'Stop when caught up' })).toBeHidden();

    await page.getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'e2e caught up' }).first()).toBeVisible();
  });

  test('a cancelled watch never stops the task', async ({ page, simulator }) => {
    const taskId = await openIncrementalTask(page, 1);
    await pinOffset(taskId, 80_000);
    await setWatch(page, { polls: 2, interval: 2 });
    const watch = page.getByTestId('caught-up-watch');
    await expect(watch.getByTestId('caught-up-state')).toHaveText('Waiting to catch up');

    await watch.getByRole('button', { name: 'Cancel the watch' }).click();
    await watch.getByRole('button', { name: 'Yes, cancel the watch' }).click();
    await expect(watch.getByTestId('caught-up-state')).toHaveText('Cancelled');
    await expect(watch).toContainText('The task was not stopped.');

    await pinOffset(taskId, 0);
    await page.waitForTimeout(5_000);
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(0);
    await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
    await expect(page.getByRole('form', { name: 'Stop when caught up' })).toBeVisible();
  });
});
