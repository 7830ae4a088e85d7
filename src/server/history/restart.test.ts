// The progress history survives a console restart (DATA_DIR/history.db): samples, the status and
// the ETA come back; retention and the task cap hold across restarts; closing the app writes what
// is left and closes the file; a corrupt or unusable file leaves the history in memory, with a
// warning, and the console starts all the same.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressHistory } from '../../api/history';
import { HISTORY_RETENTION_S, HISTORY_VIEW_WINDOW_S } from '../../api/rules/history';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { buildApp } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import type { TestStack } from '../testing/stack';
import { as, proxyAuth, VIEWER } from '../testing/proxy-users';
import { HISTORY_DB_FILE } from './history-store';

let sim: RunningSimulator;
let dataDir: string;
let clock = Date.UTC(2026, 0, 1, 12);
let logs: string[] = [];
const open: FastifyInstance[] = [];

beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, stopDelayMs: 300 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dcs-console-history-'));
  logs = [];
  await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' });
});
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A console over DATA_DIR, as main.ts builds it; the history's clock is the test's, no background timer. */
async function console(): Promise<TestStack> {
  const app = await buildApp({
    targets: [{ id: 'test', label: 'Test', region: 'test', simulated: true, dcs: { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk', ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 1000, timeoutMs: 1500, cacheTtlMs: 0 } }],
    staticDir: null,
    logLevel: 'info',
    logStream: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
    auth: proxyAuth(),
    audit: openSqliteAuditStore(dataDir),
    history: { dataDir, now: () => clock, sampler: { intervalMs: 0 } },
  });
  await app.ready();
  open.push(app);
  return { app } as TestStack; // `as` needs only the app
}

async function close(stack: TestStack): Promise<void> {
  open.splice(open.indexOf(stack.app), 1);
  await stack.app.close();
}

/** An online full-amount migration put in full sync. */
async function fullSyncTask(stack: TestStack): Promise<string> {
  const tasks = (await as(stack, VIEWER, 'GET', '/api/migration-tasks?limit=1000')).json().tasks as { task_id: string; migration_type: string; migration_method: string }[];
  const id = tasks.find((t) => t.migration_type === 'online_migration' && t.migration_method === 'full_amount_migration')!.task_id;
  await control(`/tasks/${id}/status`, { status: 'FULLMIGRATING' });
  return id;
}
const control = (path: string, body: unknown) => fetch(`${sim.url}/__simulator${path}`, { method: 'POST', body: JSON.stringify(body) });
/** Pins the task's progress, then the console reads its detail and stats (two samples' worth of answers). */
async function sampleAt(stack: TestStack, id: string, progress: number): Promise<void> {
  await control(`/tasks/${id}/progress`, { full_migration_progress: progress });
  expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}`)).statusCode).toBe(200);
  expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/stats`)).statusCode).toBe(200);
}
async function history(stack: TestStack, id: string): Promise<ProgressHistory> {
  const res = await as(stack, VIEWER, 'GET', `/api/migration-tasks/${id}/history`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const warnings = () => logs.map((line) => JSON.parse(line) as { level: number; event?: string; msg: string }).filter((l) => l.level === 40);

describe('a console restart', () => {
  it('keeps the samples, the status and the ETA: the first GET after it answers the same history', async () => {
    const first = await console();
    const id = await fullSyncTask(first);
    await sampleAt(first, id, 10);
    clock += 60_000;
    await sampleAt(first, id, 15);
    clock += 1000;
    await sampleAt(first, id, 18);
    clock += 1000; // within the spacing of the one before: replaces the latest sample
    await sampleAt(first, id, 20);
    const before = await history(first, id);
    expect(before.samples.map((s) => s.full_migration_progress)).toEqual([10, 15, 20]);
    expect(before.full_sync.eta_seconds).toBe(Math.round((80 / 10) * 62));
    await close(first);

    const second = await console();
    const after = await history(second, id);
    expect(after).toEqual(before);
    expect(after.full_sync).toMatchObject({ progress: 20, eta_unknown_reason: null });
    expect(after.samples[0]).toMatchObject({ status: 'FULLMIGRATING', is_migrating: true, offset: 0 });
    expect(warnings()).toEqual([]);

    // It goes on from there, and that survives the next restart too.
    clock += 60_000;
    await sampleAt(second, id, 30);
    await close(second);
    const third = await console();
    expect((await history(third, id)).samples.map((s) => s.full_migration_progress)).toEqual([10, 15, 20, 30]);
  });

  it('resumes background sampling of a task someone looked at just before the restart', async () => {
    const first = await console();
    const id = await fullSyncTask(first);
    await sampleAt(first, id, 10);
    await close(first);

    const second = await console();
    clock += 60_000;
    await control(`/tasks/${id}/progress`, { full_migration_progress: 20 });
    await second.app.historySampler.tick(); // no one has read the task since the restart
    expect((await history(second, id)).samples.map((s) => s.full_migration_progress)).toEqual([10, 20]);
  });

  it(`does not sample in the background a task last looked at more than ${HISTORY_VIEW_WINDOW_S / 60} minutes ago`, async () => {
    const first = await console();
    const id = await fullSyncTask(first);
    await sampleAt(first, id, 10);
    await close(first);

    clock += HISTORY_VIEW_WINDOW_S * 1000 + 1;
    const second = await console();
    await fetch(`${sim.url}/__simulator/requests`, { method: 'DELETE' });
    await second.app.historySampler.tick();
    expect(((await (await fetch(`${sim.url}/__simulator/requests`)).json()) as { total: number }).total).toBe(0);
    expect((await history(second, id)).samples).toHaveLength(1);
  });

  it(`drops samples older than ${HISTORY_RETENTION_S / 3600} hours, at start and from the file`, async () => {
    const first = await console();
    const id = await fullSyncTask(first);
    await sampleAt(first, id, 10);
    clock += 3600_000;
    await sampleAt(first, id, 40);
    await close(first);

    clock += HISTORY_RETENTION_S * 1000 - 1800_000; // the first sample is 3.5 h old, the second 2.5 h
    const second = await console();
    expect((await history(second, id)).samples.map((s) => s.full_migration_progress)).toEqual([40]);
    await close(second);
    expect(storedSamples()).toBe(1);

    clock += 3600_000;
    const third = await console();
    expect((await history(third, id)).samples).toEqual([]);
    await close(third);
    expect(storedSamples()).toBe(0);
  });

  it('closing the app writes what is left and closes the file', async () => {
    const first = await console();
    const id = await fullSyncTask(first);
    await sampleAt(first, id, 10);
    expect(existsSync(join(dataDir, `${HISTORY_DB_FILE}-wal`))).toBe(true); // open, in WAL mode
    await close(first);
    expect(existsSync(join(dataDir, `${HISTORY_DB_FILE}-wal`))).toBe(false); // the last connection closed
    expect(storedSamples()).toBe(1);
  });
});

describe('a history.db that cannot be used', () => {
  it.each([
    ['corrupt', () => writeFileSync(join(dataDir, HISTORY_DB_FILE), 'this is not an SQLite database, only some text '.repeat(200))],
    ['not a file', () => mkdirSync(join(dataDir, HISTORY_DB_FILE))],
  ])('%s: the console starts, keeps the history in memory and says so in a warning', async (_case, spoil) => {
    spoil();
    const stack = await console();
    expect(warnings()).toEqual([expect.objectContaining({ event: 'history.store_unavailable', msg: expect.stringContaining('in memory only') })]);
    const id = await fullSyncTask(stack);
    await sampleAt(stack, id, 10);
    clock += 60_000;
    await sampleAt(stack, id, 20);
    const body = await history(stack, id);
    expect(body.samples.map((s) => s.full_migration_progress)).toEqual([10, 20]);
    expect(body.full_sync.eta_seconds).toBe(480);
    await close(stack); // closes cleanly, nothing written
  });
});

function storedSamples(): number {
  const db = new Database(join(dataDir, HISTORY_DB_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM sample').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
