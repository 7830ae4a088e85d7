// What an operator sees change without touching anything: a settled list picks up a task that
// failed elsewhere, the incremental filter finds both spellings, and the history follows a settle.
import type { Page } from '@playwright/test';
import { expect, passOnPageClock, test } from './fixtures';

const TARGET = 'sim-region-1';

async function incrementalTasks(page: Page): Promise<{ task_id: string; task_name: string }[]> {
  const res = await page.request.get(`/api/migration-tasks?target=${TARGET}&status=INCRMIGEATING&limit=10`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { tasks: { task_id: string; task_name: string }[] }).tasks;
}

/**
 * An incremental task whose progress history the console does not hold as settled. A journey
 * before this one may have stopped a task: the simulator's reset brings it back, while the
 * console's history keeps it settled until its next background sample (every 15 s).
 */
async function taskWithLiveHistory(page: Page): Promise<{ task_id: string; task_name: string }> {
  const tasks = await incrementalTasks(page);
  for (const task of tasks) {
    const res = await page.request.get(`/api/migration-tasks/${task.task_id}/history?target=${TARGET}`);
    expect(res.ok()).toBe(true);
    if (((await res.json()) as { eta_unknown_reason: string | null }).eta_unknown_reason !== 'settled') return task;
  }
  return tasks[0]!;
}

test.describe('the list and history stay fresh', () => {
  test('a list of settled tasks still checks every 30 s: a task that fails elsewhere appears', async ({ page, simulator }) => {
    // The page's own clock, moved by the test: the 30 s pass in an instant, on any machine.
    await page.clock.install();
    const firstRead = page.waitForRequest((request) => request.url().includes('/api/migration-tasks?'));
    await page.goto(`/targets/${TARGET}?status=FAILED,MIGRATION_FAILED`);
    const listUrl = (await firstRead).url();
    const status = page.getByTestId('refresh-status');
    await expect(status).toContainText('no task on this page is changing · checking every 30 s');
    await expect(status).not.toContainText('settled');
    const [task] = await incrementalTasks(page);
    await simulator.setStatus(task!.task_id, 'MIGRATION_FAILED');
    // The console reuses a list read for 1 s of real time: once it answers the page's own query
    // with the failed task, only the page's 30 s stand between the operator and the news.
    await expect
      .poll(async () => ((await (await page.request.get(listUrl)).json()) as { tasks: { task_id: string }[] }).tasks.map((t) => t.task_id))
      .toContain(task!.task_id);
    const failed = page.getByRole('link', { name: task!.task_name, exact: true });
    await expect(failed).toBeHidden();
    await page.clock.runFor(30_000);
    await expect(failed).toBeVisible();
  });

  test('one "Incremental sync" filter finds the tasks of both spellings', async ({ page, simulator }) => {
    const [docSpelled, wireSpelled] = await incrementalTasks(page);
    await simulator.setStatus(docSpelled!.task_id, 'INCRMIGRATING');
    await page.goto(`/targets/${TARGET}`);
    const statuses = page.getByRole('group', { name: 'Status' });
    await expect(statuses.getByRole('checkbox', { name: /Incremental sync/ })).toHaveCount(1);
    const box = statuses.getByRole('checkbox', { name: 'Incremental sync (INCRMIGEATING)' });
    await statuses.getByText('Incremental sync (INCRMIGEATING)').click(); // the chip's box follows the URL, which the click changes
    await expect(page).toHaveURL(/status=INCRMIGEATING$/);
    await expect(box).toBeChecked();
    await expect(page.getByRole('link', { name: docSpelled!.task_name, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: wireSpelled!.task_name, exact: true })).toBeVisible();
  });

  test('the progress history is read again when the task settles', async ({ page, simulator }) => {
    const task = await taskWithLiveHistory(page);
    await page.clock.install(); // the page's 5 s polls pass when the test says so
    await page.goto(`/targets/${TARGET}/tasks/${task.task_id}`);
    const reason = page.getByTestId('section-history').getByTestId('history-eta-reason');
    // Should every task have been settled by an earlier journey, the next sample (15 s) corrects it.
    await passOnPageClock(page, () => expect(reason).toContainText('incremental sync', { timeout: 250 }), { timeout: 25_000 });
    await simulator.setStatus(task.task_id, 'TERMINATED');
    await passOnPageClock(page, () => expect(page.getByTestId('task-status')).toContainText('TERMINATED', { timeout: 250 }));
    await expect(reason).toContainText('The task no longer migrates', { timeout: 5_000 });
  });
});
