import { createServer, type Server } from 'node:http';
import { expect, test } from './fixtures';
import { consoleUrl } from './servers';

// A page on another origin tries to stop a task in the console the operator has open.
let attacker: Server;
let attackerUrl: string;

test.beforeAll(async ({}, workerInfo) => {
  const baseURL = consoleUrl(workerInfo.parallelIndex);
  attacker = createServer((req, res) => {
    const taskId = new URL(req.url!, 'http://x').searchParams.get('task') ?? '';
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><title>win a prize</title>
      <form id="f" method="POST" action="${baseURL}/api/migration-tasks/${taskId}/stop"><input name="x" value="1"></form>
      <script>
        fetch('${baseURL}/api/migration-tasks/${taskId}/stop', { method: 'POST', credentials: 'include', mode: 'no-cors', body: '{}' })
          .catch(() => undefined).finally(() => document.getElementById('f').submit());
      </script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as { port: number }).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

test('a cross-site form post and fetch cannot stop a task', async ({ page, simulator }) => {
  await page.goto('/targets/sim-region-1');
  const row = page.getByTestId('task-row').filter({ hasText: 'INCRMIGEATING' }).first();
  const taskId = (await row.getAttribute('data-task-id'))!;

  const refused = page.waitForResponse((r) => r.url().endsWith(`/${taskId}/stop`) && r.request().method() === 'POST' && r.request().resourceType() === 'document');
  await page.goto(`${attackerUrl}/?task=${taskId}`);
  const response = await refused;
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain('CSRF_REJECTED');

  expect((await simulator.requests()).routes['POST /migration-task/{id}/stop']).toBe(0);
  await page.goto(`/targets/sim-region-1`);
  await expect(page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`)).toContainText('INCRMIGEATING');
});
