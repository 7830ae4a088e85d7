// Scenario 5, polling: how many /api requests an open tab makes per minute when nothing changes,
// while a task migrates, while a stop is in progress, and in a background tab; and that polling
// resumes when the tab comes back. Counted in Chromium with page.on('request').
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { goal, printTable, round, type Goal, type ScenarioOutcome } from '../common';
import { sleep, type Proc } from '../lib';
import { confirmStop } from '../../e2e/stop-helpers';

const TARGET = 'sim-region-1';
const RESUME_GOAL_MS = 6000;
/** A list with nothing moving on it is still read every 30 s (LIST_POLL_QUIET_MS): new tasks and failures come from outside. */
const QUIET_LIST_POLL_S = 30;

/** Code run in the page is a string (see browser-lists.ts). Real visibilitychange events bubble. */
const HIDE = `Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
Object.defineProperty(document, 'hidden', { value: true, configurable: true });
document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));`;
const SHOW = `Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
Object.defineProperty(document, 'hidden', { value: false, configurable: true });
document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
window.dispatchEvent(new Event('focus'));`;

interface ApiLog {
  requests: { at: number; path: string }[];
}

function logApi(page: Page): ApiLog {
  const log: ApiLog = { requests: [] };
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/api/')) log.requests.push({ at: Date.now(), path: `${url.pathname}${url.search}` });
  });
  return log;
}

/** The raw status shown on the task page (the badge shows a label and the raw value). */
async function rawStatus(page: Page): Promise<string> {
  const text = (await page.getByTestId('task-status').textContent()) ?? '';
  return /[A-Z][A-Z_]{3,}/.exec(text)?.[0] ?? text.trim();
}

const between = (log: ApiLog, from: number, to: number) => log.requests.filter((r) => r.at >= from && r.at < to);

/** Requests in a window, per minute, with a breakdown by path (task ids shortened). */
function windowStats(log: ApiLog, from: number, to: number) {
  const reqs = between(log, from, to);
  const byPath: Record<string, number> = {};
  for (const r of reqs) {
    const key = r.path.replace(/\?.*$/, '').replace(/[0-9a-f-]{32,36}/g, '{id}');
    byPath[key] = (byPath[key] ?? 0) + 1;
  }
  return { seconds: round((to - from) / 1000, 1), requests: reqs.length, per_minute: round((reqs.length * 60_000) / (to - from), 1), by_path: byPath };
}

async function openTask(context: BrowserContext, taskId: string): Promise<{ page: Page; log: ApiLog }> {
  const page = await context.newPage();
  const log = logApi(page);
  await page.goto(`/targets/${TARGET}/tasks/${taskId}`);
  await page.getByTestId('task-status').waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  return { page, log };
}

export type WindowStats = ReturnType<typeof windowStats>;

export interface PollingResult {
  settled_list: WindowStats & { url: string };
  migrating_task: WindowStats & { status: string };
  stopping_task: WindowStats & { status_at_end: string };
  background_tab: WindowStats & { resumed_after_ms: number | null };
  note: string;
}

export async function runPollingScenario(
  browser: Browser,
  consoleProc: Proc,
  options: { idleS: number; migratingS: number; stoppingS: number; backgroundS: number },
): Promise<ScenarioOutcome<PollingResult>> {
  const name = '5 polling';
  const res = await fetch(`${consoleProc.url}/api/migration-tasks?target=${TARGET}&status=INCRMIGEATING&limit=10`);
  const migrating = ((await res.json()) as { tasks: { task_id: string }[] }).tasks.map((t) => t.task_id);
  if (migrating.length < 2) throw new Error(`need 2 INCRMIGEATING tasks in ${TARGET}, found ${migrating.length}`);
  const [taskB, taskD] = migrating as [string, string];
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const context = await browser.newContext({ baseURL: consoleProc.url });
    contexts.push(context);
    return context;
  };

  try {
    // (a), (b) and (d) run side by side, each in its own context (their own query caches).
    const idle = async () => {
      const page = await (await newContext()).newPage();
      const log = logApi(page);
      const url = `/targets/${TARGET}?status=SUCCESS,FAILED`;
      await page.goto(url);
      await page.getByTestId('task-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const from = Date.now();
      await sleep(options.idleS * 1000);
      return { ...windowStats(log, from, Date.now()), url };
    };
    const watching = async () => {
      const { page, log } = await openTask(await newContext(), taskB);
      const from = Date.now();
      await sleep(options.migratingS * 1000);
      const stats = { ...windowStats(log, from, Date.now()), status: await rawStatus(page) };
      return { page, log, stats };
    };
    const background = async () => {
      const { page, log } = await openTask(await newContext(), taskD);
      await page.evaluate(HIDE);
      const from = Date.now();
      await sleep(options.backgroundS * 1000);
      const to = Date.now();
      await page.evaluate(SHOW);
      let resumed: number | null = null;
      for (let waited = 0; waited <= RESUME_GOAL_MS + 2000 && resumed === null; waited += 100) {
        const next = log.requests.find((r) => r.at >= to);
        if (next) resumed = next.at - to;
        else await sleep(100);
      }
      return { ...windowStats(log, from, to), resumed_after_ms: resumed };
    };
    const [settled, watched, hidden] = await Promise.all([idle(), watching(), background()]);

    // (c) the migrating page right after Stop, while the task is TERMINATING.
    const { page, log } = watched;
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /stop/i });
    await confirmStop(dialog); // types the task's name when the dialog asks for it
    await page.getByTestId('task-status').filter({ hasText: 'TERMINATING' }).waitFor({ timeout: 15_000 });
    // The window closes after stoppingS or as soon as the page shows another status (the stop
    // finished), so it measures polling while TERMINATING only.
    const from = Date.now();
    let statusNow = 'TERMINATING';
    while (Date.now() - from < options.stoppingS * 1000 && statusNow === 'TERMINATING') {
      await sleep(250);
      statusNow = await rawStatus(page);
    }
    const stopping = { ...windowStats(log, from, Date.now()), status_at_end: statusNow };

    const result: PollingResult = {
      settled_list: settled,
      migrating_task: watched.stats,
      stopping_task: stopping,
      background_tab: hidden,
      note:
        'Counted from page.on("request") for /api/ paths, from when the page had loaded and the network was idle. The background tab overrides ' +
        'document.visibilityState/hidden and dispatches a bubbling visibilitychange (as browsers do; TanStack Query listens on window), then ' +
        'restores them and dispatches visibilitychange and window focus. (a), (b) and (d) ran at the same time in separate contexts.',
    };
    const fmt = (by: Record<string, number>) => Object.entries(by).map(([k, v]) => `${k} ×${v}`).join(', ') || '-';
    printTable('Scenario 5: polling in Chromium (/api requests per minute)', [
      { case: `(a) idle tab, settled list ${settled.url}`, s: settled.seconds, requests: settled.requests, 'per min': settled.per_minute, paths: fmt(settled.by_path) },
      { case: `(b) task page, migrating (${watched.stats.status})`, s: watched.stats.seconds, requests: watched.stats.requests, 'per min': watched.stats.per_minute, paths: fmt(watched.stats.by_path) },
      { case: `(c) same page after Stop, TERMINATING (end: ${stopping.status_at_end})`, s: stopping.seconds, requests: stopping.requests, 'per min': stopping.per_minute, paths: fmt(stopping.by_path) },
      { case: '(d) background tab, migrating task', s: hidden.seconds, requests: hidden.requests, 'per min': hidden.per_minute, paths: fmt(hidden.by_path) },
      { case: '(d) back in front: first request after', s: '', requests: '', 'per min': '', paths: hidden.resumed_after_ms === null ? 'none within 8 s' : `${hidden.resumed_after_ms} ms` },
    ]);
    const goals: Goal[] = [
      goal(name, 'idle tab on a settled list only checks for changes now and then', `≤ ${60 / QUIET_LIST_POLL_S} /min`, `${settled.per_minute} /min`,
        settled.requests <= Math.max(1, Math.ceil(settled.seconds / QUIET_LIST_POLL_S))),
      goal(name, 'background tab makes no requests', '0 /min', `${hidden.per_minute} /min`, hidden.requests === 0),
      goal(name, 'polling resumes when the tab is visible again', `request within ${RESUME_GOAL_MS / 1000} s`, hidden.resumed_after_ms === null ? 'no request' : `${hidden.resumed_after_ms} ms`, hidden.resumed_after_ms !== null && hidden.resumed_after_ms <= RESUME_GOAL_MS),
    ];
    return { result, goals };
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}
