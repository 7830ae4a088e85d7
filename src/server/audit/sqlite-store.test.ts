import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_DB_FILE, openSqliteAuditStore } from './sqlite-store';
import type { AuditAttempt, AuditRecord, AuditStore } from './store';

let dir: string;
let clock: number;
const now = () => new Date(clock);
const stores: AuditStore[] = [];
const open = (dataDir = dir) => {
  const store = openSqliteAuditStore(dataDir, { now });
  stores.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-store-'));
  clock = Date.parse('2025-03-01T10:00:00.000Z');
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const attempt = (over: Partial<AuditAttempt> = {}): AuditAttempt => ({
  user: 'alice',
  target: 'east',
  task_id: 'task-1',
  task_name: 'orders cache',
  status_before: 'INCRMIGEATING',
  reason: 'wrong target',
  action: 'stop',
  batch_id: null,
  request_id: 'req-1',
  ...over,
});
const accepted = (id: string) => ({ id, outcome: 'accepted' as const, status_after: 'TERMINATING', error_code: null, upstream_error_code: null, upstream_request_id: 'up-1' });
const page = { offset: 0, limit: 50 };

describe('SQLite audit store', () => {
  it('records an attempt as pending, then its outcome, with the times of both', async () => {
    const store = open();
    const [pending] = await store.begin([attempt()]);
    expect(pending).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: '2025-03-01T10:00:00.000Z',
      ...attempt(),
      outcome: 'pending',
      status_after: null,
      error_code: null,
      upstream_error_code: null,
      upstream_request_id: null,
      finished_at: null,
    });
    clock += 1500;
    const [done] = await store.finish([accepted(pending!.id)]);
    expect(done).toEqual({ ...pending, outcome: 'accepted', status_after: 'TERMINATING', upstream_request_id: 'up-1', finished_at: '2025-03-01T10:00:01.500Z' });
    expect(await store.list(page)).toEqual({ count: 1, records: [done] });
  });

  it('refuses to finish a record twice or one that does not exist, changing nothing', async () => {
    const store = open();
    const [a, b] = await store.begin([attempt(), attempt({ task_id: 'task-2' })]);
    await store.finish([accepted(a!.id)]);
    await expect(store.finish([accepted(b!.id), { ...accepted(a!.id), outcome: 'refused' }])).rejects.toThrow(/already finished/);
    await expect(store.finish([accepted('no-such-id')])).rejects.toThrow(/does not exist/);
    const records = (await store.list(page)).records;
    expect(records.map((r) => [r.task_id, r.outcome])).toEqual([
      ['task-2', 'pending'],
      ['task-1', 'accepted'],
    ]);
  });

  it('lists newest first and filters by task, user, target and time (since inclusive, until exclusive), with paging', async () => {
    const store = open();
    const made: AuditRecord[] = [];
    for (const [i, over] of [
      { task_id: 'task-1', user: 'alice', target: 'east' },
      { task_id: 'task-2', user: 'bob', target: 'east' },
      { task_id: 'task-1', user: 'bob', target: 'west' },
      { task_id: 'task-3', user: 'alice', target: 'west' },
      { task_id: 'task-1', user: 'alice', target: 'east' },
    ].entries()) {
      clock = Date.parse('2025-03-01T10:00:00.000Z') + i * 60_000;
      made.push((await store.begin([attempt(over)]))[0]!);
    }
    const ids = async (filter: Record<string, unknown>) => {
      const result = await store.list({ ...page, ...filter });
      return { count: result.count, ids: result.records.map((r) => made.findIndex((m) => m.id === r.id)) };
    };
    expect(await ids({})).toEqual({ count: 5, ids: [4, 3, 2, 1, 0] });
    expect(await ids({ task_id: 'task-1' })).toEqual({ count: 3, ids: [4, 2, 0] });
    expect(await ids({ user: 'bob' })).toEqual({ count: 2, ids: [2, 1] });
    expect(await ids({ target: 'west' })).toEqual({ count: 2, ids: [3, 2] });
    expect(await ids({ task_id: 'task-1', user: 'alice', target: 'east' })).toEqual({ count: 2, ids: [4, 0] });
    expect(await ids({ since: '2025-03-01T10:01:00.000Z', until: '2025-03-01T10:03:00.000Z' })).toEqual({ count: 2, ids: [2, 1] });
    expect(await ids({ since: '2025-03-01T10:04:00.000Z' })).toEqual({ count: 1, ids: [4] });
    expect(await ids({ until: '2025-03-01T10:00:00.000Z' })).toEqual({ count: 0, ids: [] });
    expect(await ids({ offset: 1, limit: 2 })).toEqual({ count: 5, ids: [3, 2] });
    expect(await ids({ offset: 10 })).toEqual({ count: 5, ids: [] });
    expect(await ids({ user: "alice' OR '1'='1" })).toEqual({ count: 0, ids: [] });
  });

  it('records a batch in one transaction: same time, and newest first keeps them together', async () => {
    const store = open();
    const batch = await store.begin(['a', 'b', 'c'].map((task_id) => attempt({ task_id, action: 'batch-stop', batch_id: 'batch-1' })));
    expect(new Set(batch.map((r) => r.at)).size).toBe(1);
    expect(new Set(batch.map((r) => r.id)).size).toBe(3);
    expect((await store.list(page)).records.map((r) => r.task_id)).toEqual(['c', 'b', 'a']);
  });

  it('keeps records across reopening, in a WAL database with its schema version set, and creates DATA_DIR', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = openSqliteAuditStore(dataDir, { now });
    const [record] = await first.begin([attempt()]);
    await first.close();
    await first.close(); // idempotent
    await expect(first.list(page)).rejects.toThrow(/closed/);

    const raw = new Database(join(dataDir, AUDIT_DB_FILE), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();

    const again = open(dataDir);
    expect((await again.list(page)).records).toEqual([record]);
  });

  it('refuses a database written by a newer console, naming the file', async () => {
    const raw = new Database(join(dir, AUDIT_DB_FILE));
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteAuditStore(dir)).toThrow(/audit\.db cannot be opened: its schema version 99 is newer/);
  });

  it('says which folder it cannot use', () => {
    const file = join(dir, 'a-file');
    new Database(file).close();
    expect(() => openSqliteAuditStore(file)).toThrow(/a-file.*cannot be opened/);
  });

  it('works in memory for unit tests', async () => {
    const store = open(':memory:');
    await store.begin([attempt()]);
    expect((await store.list(page)).count).toBe(1);
  });
});
