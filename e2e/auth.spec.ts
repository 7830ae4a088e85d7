import type { Page } from '@playwright/test';
import { startOidcConsole, startProxyConsole, type AuthConsole } from './auth-helpers';
import { expect, test } from './fixtures';
import { confirmStop } from './stop-helpers';

/**
 * Signs in at the test OpenID provider's login and consent pages, as a person would, and waits
 * until the browser is back on the console. The provider asks for consent on an account's first
 * sign-in only, so the consent button is pressed if, and whenever, it shows up on the way.
 */
async function signInAtProvider(page: Page, login: string, consoleUrl: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  await expect
    .poll(async () => {
      if (await consent.isVisible()) await consent.click().catch(() => undefined);
      return page.url().startsWith(`${consoleUrl}/`);
    }, { timeout: 15_000 })
    .toBe(true);
}

async function firstTaskWithStatus(page: Page, status: string): Promise<string> {
  const row = page.getByTestId('task-row').filter({ hasText: status }).first();
  await expect(row).toBeVisible();
  return (await row.getAttribute('data-task-id'))!;
}

test.describe('OpenID Connect sign-in', () => {
  let oidc: AuthConsole;
  test.beforeAll(async () => {
    oidc = await startOidcConsole();
  });
  test.afterAll(async () => oidc?.close());

  test('a viewer sees tasks but no Stop anywhere, and a forced stop is refused with 403', async ({ page }) => {
    await page.goto(`${oidc.url}/targets/sim-region-1`);
    await expect(page).toHaveURL(new RegExp(`^${oidc.provider!.issuer}`));
    await signInAtProvider(page, 'victor', oidc.url);
    await expect(page).toHaveURL(new RegExp(`^${oidc.url}/targets/`));
    await expect(page.getByText('victor').first()).toBeVisible();
    await expect(page.getByTestId('task-row').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^Stop/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Activity' })).toHaveCount(0);

    const taskId = await firstTaskWithStatus(page, 'INCRMIGEATING');
    await page.getByTestId('task-row').filter({ hasText: 'INCRMIGEATING' }).first().getByRole('link').first().click();
    await expect(page.getByTestId('task-status')).toContainText('INCRMIGEATING');
    await expect(page.getByRole('button', { name: /^Stop/ })).toHaveCount(0);

    const forced = await page.evaluate(async (id) => {
      const session = await (await fetch('/api/session')).json();
      const res = await fetch(`/api/migration-tasks/${id}/stop`, { method: 'POST', headers: { 'x-csrf-token': session.csrf_token, 'content-type': 'application/json' }, body: '{}' });
      return { status: res.status, body: await res.json() };
    }, taskId);
    expect(forced.status).toBe(403);
    expect(forced.body.error.code).toBe('FORBIDDEN');
  });

  test('an operator stops a task with a reason; it shows in Activity and on the task page', async ({ page }) => {
    await page.goto(`${oidc.url}/targets/sim-region-1`);
    await signInAtProvider(page, 'alice', oidc.url);
    await expect(page.getByTestId('task-row').first()).toBeVisible();
    const link = page.getByTestId('task-row').filter({ hasText: 'INCRMIGEATING' }).first().getByRole('link').first();
    const taskName = (await link.innerText()).trim();
    await link.click();

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await dialog.getByLabel('Reason').fill('cut-over finished, INC-4711');
    await confirmStop(dialog);
    await expect(page.getByTestId('task-status')).toContainText('TERMINATING');
    await expect(page.getByText(/Stopped by alice/i)).toBeVisible();
    await expect(page.getByText(/INC-4711/)).toBeVisible();

    await page.getByRole('link', { name: 'Activity' }).click();
    const record = page.getByRole('row').filter({ hasText: taskName });
    await expect(record.first()).toContainText('alice');
    await expect(record.first()).toContainText('INC-4711');
    await expect(record.first()).toContainText(/accepted/i);
  });

  test('signing out ends the session', async ({ page }) => {
    await page.goto(`${oidc.url}/targets/sim-region-1`);
    await signInAtProvider(page, 'alice', oidc.url);
    await expect(page.getByTestId('task-row').first()).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign out' }).click();
    await page.waitForLoadState();
    const session = await page.request.get(`${oidc.url}/api/session`);
    expect(session.status()).toBe(401);
  });
});

test.describe('authenticating reverse proxy', () => {
  let consoles: AuthConsole[] = [];
  test.afterAll(async () => {
    await Promise.all(consoles.map((c) => c.close()));
    consoles = [];
  });

  test('identity headers from a trusted address sign the user in with their groups', async ({ page }) => {
    const trusted = await startProxyConsole('127.0.0.1');
    consoles.push(trusted);
    await page.setExtraHTTPHeaders({ 'x-forwarded-user': 'pat', 'x-forwarded-groups': 'dcs-operators' });
    await page.goto(`${trusted.url}/targets/sim-region-1`);
    await expect(page.getByText('pat').first()).toBeVisible();
    await expect(page.getByTestId('task-row').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^Stop / }).first()).toBeVisible();
  });

  test('the same headers from an untrusted address are ignored', async ({ page }) => {
    const untrusted = await startProxyConsole('10.255.255.1');
    consoles.push(untrusted);
    await page.setExtraHTTPHeaders({ 'x-forwarded-user': 'mallory', 'x-forwarded-groups': 'dcs-operators' });
    await page.goto(`${untrusted.url}/targets/sim-region-1`);
    await expect(page.getByText(/not signed in/i).first()).toBeVisible();
    await expect(page.getByText('mallory')).toHaveCount(0);
    await expect(page.getByTestId('task-row')).toHaveCount(0);
  });
});
