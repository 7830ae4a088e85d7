import type { Page } from '@playwright/test';
import { expect, incrementalTaskIds, passOnPageClock, requestsSeenBy, test } from './fixtures';
import { expectNoSeriousViolations, openIncrementalTask, rememberChoices, type Theme } from './ui-helpers';

const watchPath = (taskId: string) => `/api/migration-tasks/${encodeURIComponent(taskId)}/stop-when-caught-up?target=sim-region-1`;

/** Sets a watch through the console's API, as the signed-in page would (its session and CSRF token). */
async function setWatchThroughApi(page: Page, taskId: string, rule: { threshold: number; consecutive_polls: number; poll_interval_s: number; reason: string }) {
  const { csrf_token } = (await (await page.request.get('/api/session')).json()) as { csrf_token: string };
  const res = await page.request.post(watchPath(taskId), { headers: { 'x-csrf-token': csrf_token }, data: rule });
  expect(res.status(), await res.text()).toBe(201);
}

/** The task's latest watch as the console keeps it (active, else the last finished), or null. */
async function latestWatch(page: Page, taskId: string): Promise<{ id: string; state: string } | null> {
  return ((await (await page.request.get(watchPath(taskId))).json()) as { watch: { id: string; state: string } | null }).watch;
}

/** Fills the form and presses "Stop when caught up": the confirm step opens, nothing is sent yet. */
async function fillWatch(page: Page, { polls, interval, threshold }: { polls: number; interval: number; threshold?: number }) {
  const form = page.getByRole('form', { name: 'Stop when caught up' });
  if (threshold !== undefined) await form.getByRole('textbox', { name: 'Offset threshold' }).fill(String(threshold));
  await form.getByRole('textbox', { name: 'Polls in a row' }).fill(String(polls));
  await form.getByRole('textbox', { name: 'Poll interval (seconds)' }).fill(String(interval));
  await form.getByRole('textbox', { name: 'Reason' }).fill('e2e caught up');
  await form.getByRole('button', { name: 'Stop when caught up' }).click();
  const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  const confirm = page.getByRole('group', { name: `Stop ${name} once it has caught up?` });
  await expect(confirm).toBeVisible();
  return { confirm, name };
}

/** Sets a watch through the confirm step, typing the task's name as for a manual stop. */
async function setWatch(page: Page, rule: { polls: number; interval: number }) {
  const { confirm, name } = await fillWatch(page, rule);
  await expect(confirm.getByRole('button', { name: 'Schedule the stop' })).toBeDisabled();
  await confirm.getByRole('textbox', { name: `Type the task name ${name} to confirm` }).fill(name);
  await confirm.getByRole('button', { name: 'Schedule the stop' }).click();
}

test.describe('stop when caught up', () => {
  for (const theme of ['light', 'dark'] as Theme[]) {
    test(`asks to confirm like a manual stop and warns when it would stop almost at once; Back sends nothing (${theme})`, async ({ page, simulator }) => {
      await rememberChoices(page, { theme, language: 'en' });
      await page.clock.install();
      const { taskId } = await openIncrementalTask(page);
      await simulator.pinProgress(taskId, { offset: 100 });
      const watchBefore = (await latestWatch(page, taskId))?.id; // an earlier journey's, finished, or none
      const { confirm } = await fillWatch(page, { threshold: 1_000_000, polls: 1, interval: 2 });
      // The offset is read with the progress (every 5 s, on the page's clock, moved by the test): the
      // warning shows once the pinned value is in.
      const warning = confirm.getByTestId('caught-up-soon-warning');
      await passOnPageClock(page, () => expect(warning).toContainText('Its offset is 100 now', { timeout: 250 }));
      await expect(warning).toContainText('This will stop the task almost at once');
      await expectNoSeriousViolations(page, `the stop-when-caught-up confirm step (${theme})`);

      const sent = await requestsSeenBy(page, async () => {
        await confirm.getByRole('button', { name: 'Back' }).click();
        await expect(confirm).toBeHidden();
      });
      expect(sent.filter((request) => request.startsWith('POST ')), 'Back sends nothing').toEqual([]);
      await expect(page.getByRole('form', { name: 'Stop when caught up' }).getByRole('button', { name: 'Stop when caught up' })).toBeFocused();
      expect((await latestWatch(page, taskId))?.id, 'Back sets no watch').toBe(watchBefore);
      await expect(page.getByTestId('caught-up-watch').filter({ hasText: /Waiting to catch up|Stopping/ })).toHaveCount(0);
      expect((await simulator.requests()).routes['POST /migration-task/{id}/stop'] ?? 0).toBe(0);
      await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
    });
  }

  test('waits while the offset is high, survives a reload, then the server stops the task once it has caught up', async ({ page, simulator }) => {
    const { taskId } = await openIncrementalTask(page);
    await simulator.pinProgress(taskId, { offset: 50_000 });
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

    await simulator.pinProgress(taskId, { offset: 0 });
    await expect(page.getByTestId('caught-up-watch')).toContainText(/1 of 2 polls in a row caught up|Done: stopped/, { timeout: 10_000 });
    await expect(page.getByTestId('caught-up-state')).toHaveText('Done: stopped', { timeout: 15_000 });
    await expect(page.getByTestId('task-status')).toContainText(/TERMINATING|TERMINATED/);
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop']).toBe(1);
    // The header says what happened: requested until the task reads TERMINATED, then stopped.
    await expect(page.getByTestId('last-stop')).toHaveText(/^(Stop requested when caught up|Stopped when caught up) by /);
    await expect(page.getByTestId('task-status')).toContainText('TERMINATED', { timeout: 15_000 });
    await expect(page.getByTestId('last-stop')).toHaveText(/^Stopped when caught up by .+: e2e caught up$/);
    await expect(page.getByRole('form', { name: 'Stop when caught up' })).toBeHidden();

    await page.getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'e2e caught up' }).first()).toBeVisible();
  });

  test('a cancelled watch never stops the task', async ({ page, simulator }) => {
    const { taskId } = await openIncrementalTask(page, 1);
    await simulator.pinProgress(taskId, { offset: 80_000 });
    await setWatch(page, { polls: 2, interval: 2 });
    const watch = page.getByTestId('caught-up-watch');
    await expect(watch.getByTestId('caught-up-state')).toHaveText('Waiting to catch up');

    await watch.getByRole('button', { name: 'Cancel the watch' }).click();
    await watch.getByRole('button', { name: 'Yes, cancel the watch' }).click();
    await expect(watch.getByTestId('caught-up-state')).toHaveText('Cancelled');
    await expect(watch).toContainText('The task was not stopped.');

    await simulator.pinProgress(taskId, { offset: 0 });
    // A witness instead of a wait: the same rule with one poll more, set after the cancel on another
    // task that has caught up too. Once it has stopped that task, the cancelled watch would have
    // stopped this one. (It is set through the API: the form is proved above and in the journeys before.)
    const witnessId = (await incrementalTaskIds(page)).find((id) => id !== taskId);
    if (!witnessId) throw new Error('no second task in incremental sync');
    await simulator.pinProgress(witnessId, { offset: 0 });
    await setWatchThroughApi(page, witnessId, { threshold: 1000, consecutive_polls: 3, poll_interval_s: 2, reason: 'e2e witness' });
    await expect.poll(async () => (await latestWatch(page, witnessId))?.state, { timeout: 20_000 }).toBe('done');
    expect((await simulator.requests()).routes['POST /migration-task/{id}/stop'], 'only the witness stopped its task').toBe(1);

    await page.reload();
    await expect(page.getByTestId('caught-up-watch').getByTestId('caught-up-state')).toHaveText('Cancelled');
    await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
    await expect(page.getByRole('form', { name: 'Stop when caught up' })).toBeVisible();
  });
});
