import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Overview } from '../src/api/overview';
import { startConsole, type RunningConsole } from '../src/server/main';
import { startAlertReceiver, verifyJsonSignature, type AlertReceiver, type ReceivedAlert } from '../src/server/alerts/testing/receiver';
import { freePort } from '../src/server/testing/oidc';
import { expect, test } from './fixtures';

// The on-call view on a console of its own (two simulated regions, a webhook receiver, the overview
// reading each region every second: an operator may set no less than 5 s): a task that fails in the
// cloud shows under "needs attention" on the overview, one signed json alert reaches the webhook,
// and /metrics carries the task's series.
const DIST_WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
const SECRET = 'e2e-webhook-secret-0123456789';

let receiver: AlertReceiver;
let running: RunningConsole;
let url: string;

test.beforeAll(async () => {
  receiver = await startAlertReceiver();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  running = await startConsole(
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'error',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dcs-e2e-on-call-')),
      ALERT_WEBHOOK_URL: `${receiver.url}/hooks/dcs`,
      ALERT_WEBHOOK_SECRET: SECRET,
    },
    { port, staticDir: DIST_WEB, overviewScanIntervalMs: 1_000 },
  );
});
test.afterAll(async () => {
  await running?.close();
  await receiver?.close();
});

const failedAlerts = (taskId: string): ReceivedAlert[] =>
  receiver.received.filter((r) => (r.json as { event?: string; task_id?: string } | null)?.event === 'task_failed' && (r.json as { task_id: string }).task_id === taskId);

test('a task failed in the cloud: under "needs attention" on the overview, one signed json alert, and its series on /metrics', async ({ page }) => {
  const region2 = running.simulators[1]!;
  const list = (await (await fetch(`${url}/api/migration-tasks?target=sim-region-2&status=INCRMIGEATING`)).json()) as { tasks: { task_id: string; task_name: string }[] };
  const task = list.tasks[0]!;

  await page.goto(`${url}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const cards = page.getByTestId('overview-target');
  await expect(cards).toHaveCount(2);
  const card = page.locator('[data-testid="overview-target"][data-target="sim-region-2"]');
  await expect(card).toHaveAttribute('data-reachable', 'true');
  await expect(card.getByTestId('status-count').first()).toBeVisible();

  await fetch(`${region2.url}/__simulator/tasks/${task.task_id}/status`, { method: 'POST', body: JSON.stringify({ status: 'MIGRATION_FAILED' }) });
  const item = card.locator(`[data-testid="attention-item"][data-kind="failed"][data-task-id="${task.task_id}"]`);
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item).toContainText(task.task_name);
  await expect(item).toContainText('MIGRATION_FAILED');

  // The alert: exactly one for this task, even after further reads of the list.
  await expect.poll(() => failedAlerts(task.task_id).length, { timeout: 20_000 }).toBe(1);
  const readAt = async () => ((await (await fetch(`${url}/api/overview`)).json()) as Overview).targets.find((t) => t.target === 'sim-region-2')!.read_at;
  const seen = await readAt();
  await expect.poll(readAt, { timeout: 20_000 }).not.toBe(seen); // the list was read again: no second alert
  const [alert] = failedAlerts(task.task_id);
  expect(failedAlerts(task.task_id)).toHaveLength(1);
  expect(alert!.path).toBe('/hooks/dcs');
  expect(verifyJsonSignature(alert!, SECRET)).toBe(true);
  expect(alert!.json).toMatchObject({ version: 1, event: 'task_failed', target: 'sim-region-2', task_id: task.task_id, task_name: task.task_name, status: 'MIGRATION_FAILED' });
  expect(alert!.body).not.toContain(SECRET);

  const metrics = await (await fetch(`${url}/metrics`)).text();
  expect(metrics).toContain(`dcs_migration_task_status{target="sim-region-2",task_id="${task.task_id}",task_name="${task.task_name}",status="MIGRATION_FAILED"} 1`);

  // One click from the overview to the task page.
  await item.getByRole('link', { name: task.task_name }).click();
  await expect(page).toHaveURL(`${url}/targets/sim-region-2/tasks/${task.task_id}`);
  await expect(page.getByTestId('task-status')).toContainText('MIGRATION_FAILED');

  // On the list, sorted by the last change (latest first), the new failure is on the first page,
  // with the time the console saw it change (not "≥" a first read).
  await page.goto(`${url}/targets/sim-region-2?sort=changed`);
  const failed = page.locator(`[data-testid="task-row"][data-task-id="${task.task_id}"]`);
  await expect(failed.getByTestId('last-changed').locator('time')).toBeVisible();
  await expect(failed.getByTestId('last-changed')).not.toHaveAttribute('data-change-seen', 'false');
  const times = await page.getByTestId('last-changed').locator('time').evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime')!)));
  expect(times.length).toBeGreaterThan(1);
  expect(times).toEqual([...times].sort((a, b) => b - a));
  await expect(page.getByRole('columnheader', { name: 'Last changed' })).toBeVisible();
});
