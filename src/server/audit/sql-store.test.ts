// The audit trail's contract, run against both stores it has: SQLite (DATA_DIR/audit.db) and a real
// PostgreSQL server (DATABASE_URL). Same calls, same answers; then what only PostgreSQL must do:
// several instances migrating at once, and refusing a schema a newer console wrote.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditAttempt } from './testing/attempts';
import { usePostgres } from '../testing/postgres';
import { openPostgresAuditStore, openSqliteAuditStore } from './sqlite-store';
import type { SqlAuditStore } from './sql-store';
import type { AuditAttempt, AuditRecord } from './store';

const postgres = usePostgres();

let dir: string;
let clock: number;
const now = () => new Date(clock);
const stores: SqlAuditStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-contract-'));
  clock = Date.parse('2025-03-01T10:00:00.000Z');
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const DIALECTS = {
  sqlite: () => openSqliteAuditStore(dir, { now }),
  postgres: () => openPostgresAuditStore(postgres.freshDatabase(), { now }),
};

const attempt = auditAttempt;
const withoutSubject = ({ subject: _subject, ...rest }: AuditAttempt) => rest;
const accepted = (id: string) => ({ id, outcome: 'accepted' as const, status_after: 'TERMINATING', error_code: null, upstream_error_code: null, upstream_request_id: 'up-1' });
const page = { offset: 0, limit: 50 };

describe.each(Object.keys(DIALECTS) as (keyof typeof DIALECTS)[])('audit store on %s', (dialect) => {
  const open = () => {
    const store = DIALECTS[dialect]();
    stores.push(store);
    return store;
  };

  it('records an attempt as pending, then its outcome, with the times of both', async () => {
    const store = open();
    const [pending] = await store.begin([attempt()]);
    expect(pending).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: '2025-03-01T10:00:00.000Z',
      ...withoutSubject(attempt()),
      user_subject: 'sub-alice',
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

  it('keeps the stable subject apart from the display name; the user filter takes either', async () => {
    const store = open();
    await store.begin([attempt({ user: 'alice', subject: 'https://idp.example|1' })]);
    await store.begin([attempt({ user: 'alice', subject: 'https://idp.example|2' })]);
    await store.begin([attempt({ user: 'bob', subject: 'https://idp.example|3' })]);
    const users = async (user: string) => (await store.list({ ...page, user })).records.map((r) => `${r.user}/${r.user_subject}`);
    expect(await users('alice')).toEqual(['alice/https://idp.example|2', 'alice/https://idp.example|1']);
    expect(await users('https://idp.example|1')).toEqual(['alice/https://idp.example|1']);
    expect(await users('https://idp.example|3')).toEqual(['bob/https://idp.example|3']);
  });
  it('finds records by a prefix of the task name, ignoring case; %, _ and ! in the search are plain characters', async () => {
    const store = open();
    const names = ['Orders cache', 'orders-eu', 'ORDERS_2025', 'orders%hot', 'ordersX2025', 'orders!x', 'my orders', null, 'Ördér'];
    for (const [i, task_name] of names.entries()) {
      clock = Date.parse('2025-03-01T10:00:00.000Z') + i * 1000;
      await store.begin([attempt({ task_id: `task-${i}`, task_name })]);
    }
    const named = async (task_name: string, filter: Record<string, unknown> = {}) => {
      const result = await store.list({ ...page, ...filter, task_name });
      expect(result.count).toBe(result.records.length);
      return result.records.map((r) => r.task_name).reverse();
    };
    expect(await named('orders')).toEqual(['Orders cache', 'orders-eu', 'ORDERS_2025', 'orders%hot', 'ordersX2025', 'orders!x']);
    expect(await named('ORD')).toEqual(await named('ord'));
    expect(await named('Orders C')).toEqual(['Orders cache']);
    // Not a substring search: "my orders" starts with "my".
    expect(await named('rders')).toEqual([]);
    expect(await named('my')).toEqual(['my orders']);
    // The sender's wildcards match themselves only.
    expect(await named('orders_')).toEqual(['ORDERS_2025']);
    expect(await named('orders%')).toEqual(['orders%hot']);
    expect(await named('%')).toEqual([]);
    expect(await named('_')).toEqual([]);
    expect(await named('orders!')).toEqual(['orders!x']);
    expect(await named('orders!%')).toEqual([]);
    expect(await named("orders' OR '1'='1")).toEqual([]);
    // The exact name matches too; non-ASCII names match as written.
    expect(await named('orders-eu')).toEqual(['orders-eu']);
    expect(await named('Ördér')).toEqual(['Ördér']);
    // Combines with the other filters (AND) and pages with a true count.
    expect(await named('orders', { task_id: 'task-2' })).toEqual(['ORDERS_2025']);
    const paged = await store.list({ offset: 1, limit: 2, task_name: 'ORDERS' });
    expect({ count: paged.count, names: paged.records.map((r) => r.task_name) }).toEqual({ count: 6, names: ['ordersX2025', 'orders%hot'] });
  });

  it('the user filter matches the display name or the subject exactly, never a part of either', async () => {
    const store = open();
    await store.begin([attempt({ user: 'Alice Wong', subject: 'oidc|idp.example|42' })]);
    await store.begin([attempt({ user: 'alice', subject: null })]);
    const users = async (user: string) => (await store.list({ ...page, user })).records.map((r) => r.user);
    expect(await users('oidc|idp.example|42')).toEqual(['Alice Wong']);
    expect(await users('Alice Wong')).toEqual(['Alice Wong']);
    expect(await users('alice')).toEqual(['alice']);
    expect(await users('oidc|idp.example|4')).toEqual([]);
    expect(await users('oidc|idp.example|%')).toEqual([]);
    expect(await users('alice wong')).toEqual([]);
    expect(await users('Alice')).toEqual([]);
  });
});

describe('audit store on PostgreSQL, several instances', () => {
  it('instances starting at once migrate once, and each sees what another wrote', async () => {
    const url = postgres.freshDatabase();
    const instances = Array.from({ length: 4 }, () => openPostgresAuditStore(url, { now }));
    stores.push(...instances);
    await Promise.all(instances.map((s) => s.ready()));
    const [written] = await instances[0]!.begin([attempt()]);
    expect((await instances[3]!.list(page)).records.map((r) => r.id)).toEqual([written!.id]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const migrations = await client.query('SELECT name FROM console_migration_audit ORDER BY name');
    await client.end();
    expect(migrations.rows.map((r: { name: string }) => r.name)).toEqual(['0001-audit-record', '0002-audit-subject']);
  });

  it('refuses a database a newer console migrated, without touching it', async () => {
    const url = postgres.freshDatabase();
    const first = openPostgresAuditStore(url, { now });
    await first.ready();
    await first.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO console_migration_audit (name, timestamp) VALUES ('0099-from-the-future', '2030-01-01T00:00:00.000Z')`);
    await client.end();
    const newer = openPostgresAuditStore(url, { now });
    stores.push(newer);
    await expect(newer.ready()).rejects.toThrow(/audit database postgres:\/\/127\.0\.0\.1:\d+\/db_\d+ cannot be opened: its schema is newer/);
    await expect(newer.list(page)).rejects.toThrow(/newer/);
  });
});


