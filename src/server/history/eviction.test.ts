// Who can put a task into the shared progress history (issue 14, finding 3): only tasks the cloud
// confirmed, at most HISTORY_NEW_TASKS_PER_USER new ones per user in a sliding window, and the task
// dropped when the list is full is the one least recently read. Made-up ids are 404, never tracked,
// never sampled in the background, and cannot push anyone's history out of memory or history.db.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_MIN_SPACING_S } from '../../api/rules/history';
import { as, VIEWER, proxyAuth, type User } from '../testing/proxy-users';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';
import { HISTORY_DB_FILE } from './history-store';
import { HISTORY_MAX_TASKS } from './progress-history';
import { HISTORY_NEW_TASKS_PER_USER, HISTORY_NEW_TASKS_WINDOW_MS } from './tracking';

const MALLORY: User = { user: 'mallory', groups: 'readers' };
const viewer = (n: number): User => ({ user: `viewer-${n}`, groups: 'readers' });

let stack: TestStack;
let historyDir: string;
let appClosed: boolean;
let online: string[];
let others: string[];

beforeEach(async () => {
  historyDir = mkdtempSync(join(tmpdir(), 'dcs-console-eviction-'));
  appClosed = false;
  stack = await startTestStack({
    // More tasks than the history keeps, so filling it with real tasks is possible.
    simulator: { tasks: HISTORY_MAX_TASKS + 60 },
    app: { auth: proxyAuth(), history: { dataDir: historyDir, sampler: { intervalMs: 0 } } },
  });
  const all = (await as(stack, VIEWER, 'GET', '/api/migration-tasks?limit=1000')).json().tasks as { task_id: string; migration_type: string }[];
  online = all.filter((t) => t.migration_type === 'online_migration').map((t) => t.task_id);
  others = all.map((t) => t.task_id).filter((id) => id !== online[0]);
});
afterEach(async () => {
  if (!appClosed) await stack.app.close();
  await stack.simulator.close();
  rmSync(stack.dataDir, { recursive: true, force: true });
  rmSync(historyDir, { recursive: true, force: true });
});

const readTask = async (who: User, id: string) => expect((await as(stack, who, 'GET', `/api/migration-tasks/${id}`)).statusCode).toBe(200);
const readStats = async (who: User, id: string) => expect((await as(stack, who, 'GET', `/api/migration-tasks/${id}/stats`)).statusCode).toBe(200);
async function samplesOf(who: User, id: string): Promise<number> {
  const res = await as(stack, who, 'GET', `/api/migration-tasks/${id}/history`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { samples: unknown[] }).samples.length;
}
/** GET …/history of `count` made-up (well-formed) ids, as `who`. */
async function readMadeUpHistories(who: User, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await as(stack, who, 'GET', `/api/migration-tasks/${randomUUID()}/history`)).statusCode);
  return statuses;
}
const warnings = (event: string) => stack.logs.filter((line) => line.includes(`"event":"${event}"`));

/** Closes the console (the history is written) and counts what history.db kept. */
async function storedAfterClose(taskId: string): Promise<{ tasks: number; samples: number }> {
  await stack.app.close();
  appClosed = true;
  const db = new Database(join(historyDir, HISTORY_DB_FILE), { readonly: true });
  try {
    const tasks = (db.prepare('SELECT count(*) AS n FROM task').get() as { n: number }).n;
    const samples = (db.prepare('SELECT count(*) AS n FROM sample JOIN task ON task.id = sample.task WHERE task.task_id = ?').get(taskId) as { n: number }).n;
    return { tasks, samples };
  } finally {
    db.close();
  }
}

describe('made-up task ids', () => {
  it(`a viewer reading ${HISTORY_MAX_TASKS + 1} made-up ids leaves a real task's history alone, in memory and in history.db`, async () => {
    const id = online[0]!;
    await readStats(VIEWER, id);
    expect(await samplesOf(VIEWER, id)).toBe(1);

    await readMadeUpHistories(VIEWER, HISTORY_MAX_TASKS + 1);

    expect(await samplesOf(VIEWER, id)).toBe(1);
    expect(await storedAfterClose(id)).toEqual({ tasks: 1, samples: 1 });
  });

  it('is 404 TASK_NOT_FOUND after one detail read, and is never read again in the background', async () => {
    await stack.control('DELETE', '/requests');
    const res = await as(stack, VIEWER, 'GET', `/api/migration-tasks/${randomUUID()}/history`);
    expect([res.statusCode, errorOf(res).code]).toEqual([404, 'TASK_NOT_FOUND']);
    expect(await stack.upstreamRequests()).toMatchObject({ total: 1, routes: { 'GET /migration-task/{id}': 1 } });

    await stack.control('DELETE', '/requests');
    for (let i = 0; i < 3; i++) {
      await stack.app.historySampler.tick();
      stack.clock.advance(60_000);
    }
    expect((await stack.upstreamRequests()).total).toBe(0);
  });
});

describe('one user cannot push out what others read', () => {
  it('reading every task and made-up ids besides, one user leaves another viewer\'s task in the history', async () => {
    const id = online[0]!;
    await readStats(VIEWER, id);

    for (const other of others) await readTask(MALLORY, other); // more than the history holds
    expect(await readMadeUpHistories(MALLORY, HISTORY_MAX_TASKS + 1)).toEqual(Array(HISTORY_MAX_TASKS + 1).fill(404));

    expect(await samplesOf(VIEWER, id)).toBe(1);
    expect(warnings('history.tracking_limited')).toHaveLength(1);
    expect(await storedAfterClose(id)).toEqual({ tasks: 1 + HISTORY_NEW_TASKS_PER_USER, samples: 1 });
  });

  it('when the history is full, the task dropped is the one least recently read, not one read just now', async () => {
    const [first, kept] = online;
    await readStats(VIEWER, first!);
    await readStats(VIEWER, kept!);
    // Others fill the history up to its cap, each within their own budget.
    const fill = others.filter((id) => id !== kept).slice(0, HISTORY_MAX_TASKS - 2);
    for (const [i, other] of fill.entries()) await readTask(viewer(Math.floor(i / HISTORY_NEW_TASKS_PER_USER)), other);
    expect(await samplesOf(VIEWER, kept!)).toBe(1); // read again: now the most recent

    await readTask(MALLORY, others.find((id) => id !== kept && !fill.includes(id))!); // one task more than the history holds

    expect(await samplesOf(VIEWER, kept!)).toBe(1);
    expect(await samplesOf(VIEWER, first!)).toBe(0); // dropped, tracked again from now on
  });
});

describe(`per user: at most ${HISTORY_NEW_TASKS_PER_USER} newly tracked tasks per ${HISTORY_NEW_TASKS_WINDOW_MS / 60_000} minutes`, () => {
  it('past the bound a new task gets no history until the window has passed; tasks already tracked and other users are not held back', async () => {
    const [tracked, refused, othersTask] = online;
    await readStats(MALLORY, tracked!);
    const budget = others.filter((id) => ![tracked, refused, othersTask].includes(id)).slice(0, HISTORY_NEW_TASKS_PER_USER - 1);
    for (const id of budget) await readTask(MALLORY, id);

    await readStats(MALLORY, refused!);
    expect(await samplesOf(MALLORY, refused!)).toBe(0);
    expect(warnings('history.tracking_limited')).toHaveLength(1);

    stack.clock.advance(HISTORY_MIN_SPACING_S * 1000);
    await readStats(MALLORY, tracked!);
    expect(await samplesOf(MALLORY, tracked!)).toBe(2);
    await readStats(VIEWER, othersTask!);
    expect(await samplesOf(VIEWER, othersTask!)).toBe(1);

    stack.clock.advance(HISTORY_NEW_TASKS_WINDOW_MS - HISTORY_MIN_SPACING_S * 1000 - 1);
    await readStats(MALLORY, refused!);
    expect(await samplesOf(MALLORY, refused!)).toBe(0); // the window has not quite passed

    stack.clock.advance(1);
    await readStats(MALLORY, refused!);
    expect(await samplesOf(MALLORY, refused!)).toBe(1);
  });
});
