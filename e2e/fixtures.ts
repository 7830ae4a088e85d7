import { test as base, expect, type Locator, type Page, type Request } from '@playwright/test';
import { consoleUrl, simulatorUrl } from './servers';

export interface SimulatorControl {
  reset(): Promise<void>;
  fault(fault: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  setStatus(taskId: string, status: string): Promise<void>;
  /** Pins what the task's progress reads (offset, full_migration_progress…; null lets one move again): src/simulator/control.ts. The next journey's reset drops every pin. */
  pinProgress(taskId: string, pins: Record<string, number | null>): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  requests(): Promise<{ total: number; routes: Record<string, number> }>;
}

/** The control API of this worker's simulator (call inside a test). */
const simulatorControlUrl = () => `${simulatorUrl(test.info().parallelIndex)}/__simulator`;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${simulatorControlUrl()}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator control ${method} ${path}: ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** Every journey starts from fresh seed data and fails on any uncaught error in the page. */
export const test = base.extend<{ simulator: SimulatorControl; pageErrors: string[] }>({
  // This worker's own console (e2e/servers.ts).
  baseURL: async ({}, use, testInfo) => {
    await use(consoleUrl(testInfo.parallelIndex));
  },
  // Automatic: a journey that never touches the simulator still reads fresh seed data, not the
  // tasks the worker's journeys before it stopped (a list whose first page had no incremental task
  // left failed a journey that only ran axe on one).
  simulator: [
    async ({}, use) => {
      const simulator: SimulatorControl = {
        reset: async () => void (await control('POST', '/reset')),
        fault: async (fault) => void (await control('POST', '/faults', fault)),
        clearFaults: async () => void (await control('DELETE', '/faults')),
        setStatus: async (taskId, status) => void (await control('POST', `/tasks/${taskId}/status`, { status })),
        pinProgress: async (taskId, pins) => void (await control('POST', `/tasks/${taskId}/progress`, pins)),
        down: async () => void (await control('POST', '/down')),
        up: async () => void (await control('POST', '/up')),
        requests: async () => (await control('GET', '/requests')) as { total: number; routes: Record<string, number> },
      };
      await simulator.reset();
      await use(simulator);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The first row of the list whose raw status is `status`. */
/** The ids of the first region's tasks in incremental sync, through the console's own API (no page opened). */
export async function incrementalTaskIds(page: Page): Promise<string[]> {
  const res = await page.request.get('/api/migration-tasks?target=sim-region-1&status=INCRMIGEATING');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { tasks: { task_id: string }[] }).tasks.map((task) => task.task_id);
}

export function rowWithStatus(page: Page, status: string) {
  return page.getByTestId('task-row').filter({ hasText: status }).first();
}

/**
 * After the cloud has healed: until `shown` is visible, press `retry` whenever it is on screen,
 * as an operator would. The page's own retries race the operator's button (it vanishes when a
 * retry lands, and a click on it would then wait for a button that never comes back), so each
 * press gets a short timeout and the whole loop follows the condition.
 */
export async function pressRetryUntilVisible(retry: Locator, shown: Locator): Promise<void> {
  await expect(async () => {
    if (await retry.isVisible()) await retry.click({ timeout: 1_000 }).catch(() => undefined);
    await expect(shown).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Retries `assertion` until it passes, moving the page's own clock (`page.clock.install()` before
 * the page loads) one step after each miss: the page's poll intervals and retry waits pass in an
 * instant, while the console and the simulator keep real time, so an answer still takes as long
 * as it takes. `assertion` should use short timeouts of its own.
 */
export async function passOnPageClock(page: Page, assertion: () => Promise<void>, options: { stepMs?: number; timeout?: number } = {}): Promise<void> {
  const stepMs = options.stepMs ?? 1_000;
  await expect(async () => {
    try {
      await assertion();
    } catch (error) {
      await page.clock.runFor(stepMs);
      throw error;
    }
  }).toPass({ timeout: options.timeout ?? 20_000, intervals: [100] });
}

/**
 * The requests ("POST /api/…") the page made while `act` ran, all of them: the page then fetches
 * a marker of its own, and requests come to Playwright in the order the page made them, so once
 * the marker is in, every request `act` caused is too. A test proves "nothing was sent" with it
 * without waiting for time to pass.
 */
export async function requestsSeenBy(page: Page, act: () => Promise<unknown>): Promise<string[]> {
  const MARKER = 'GET /healthz';
  const seen: string[] = [];
  const record = (request: Request) => void seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
  page.on('request', record);
  try {
    await act();
    await page.evaluate(() => fetch('/healthz').then(() => undefined));
    await expect.poll(() => seen.includes(MARKER)).toBe(true);
  } finally {
    page.off('request', record);
  }
  return seen.filter((request) => request !== MARKER);
}
