// The session store's contract, on both databases it runs on: SQLite (DATA_DIR/sessions.db) and a
// real PostgreSQL server (DATABASE_URL). Time is passed in by the test, as the app passes its clock.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { openPostgresSessionStore, openSqliteSessionStore, SESSIONS_DB_FILE, SWEEP_INTERVAL_MS, TOUCH_INTERVAL_MS, type SqlSessionStore } from './session-store';

const MIN = 60_000;
const POLICY = { idleTimeoutMs: 30 * MIN, maxAgeMs: 120 * MIN };
const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);
const alice = { subject: 'https://idp.example|alice', name: 'alice', groups: ['dcs-operators', 'staff'] };

let postgres: TestPostgres;
let databases = 0;
let dir: string;
const stores: SqlSessionStore[] = [];
const urls: string[] = [];
beforeAll(async () => {
  postgres = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), 'sessions-contract-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await postgres?.close();
  rmSync(dir, { recursive: true, force: true });
});

const DIALECTS = {
  sqlite: () => openSqliteSessionStore(join(dir, `s${++databases}`), POLICY),
  postgres: () => {
    const url = postgres.createDatabase(`sessions_${++databases}`);
    urls.push(url);
    return openPostgresSessionStore(url, POLICY);
  },
};

describe.each(Object.keys(DIALECTS) as (keyof typeof DIALECTS)[])('session store on %s', (dialect) => {
  const open = () => {
    const store = DIALECTS[dialect]();
    stores.push(store);
    return store;
  };

  it('creates a session with a random id and CSRF token, and reads it back by the id', async () => {
    const store = open();
    const { id, session } = await store.create(alice, T0);
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(session).toEqual({ ...alice, csrfToken: expect.stringMatching(/^[\w-]{32}$/), createdAt: T0, lastSeenAt: T0, expiresAt: T0 + 30 * MIN });
    expect(await store.read(id, T0 + 1000)).toEqual(session);
    const other = await store.create(alice, T0);
    expect(other.id).not.toBe(id);
    expect(other.session.csrfToken).not.toBe(session.csrfToken);
    expect(await store.read('x'.repeat(43), T0)).toBeNull();
  });

  it('writes last-seen at most once a minute, and a read after that moves the idle end', async () => {
    const store = open();
    const { id } = await store.create(alice, T0);
    expect((await store.read(id, T0 + TOUCH_INTERVAL_MS - 1))!.lastSeenAt).toBe(T0);
    expect((await store.read(id, T0 + TOUCH_INTERVAL_MS))!).toMatchObject({ lastSeenAt: T0 + TOUCH_INTERVAL_MS, expiresAt: T0 + TOUCH_INTERVAL_MS + 30 * MIN });
    // Stored, not only returned: the next read (another instance would read the same) sees it.
    expect((await store.read(id, T0 + TOUCH_INTERVAL_MS + 2000))!.lastSeenAt).toBe(T0 + TOUCH_INTERVAL_MS);
  });

  it('ends a session idle for SESSION_IDLE_TIMEOUT, and deletes it', async () => {
    const store = open();
    const { id } = await store.create(alice, T0);
    expect(await store.read(id, T0 + 30 * MIN - 1)).not.toBeNull();
    const fresh = await store.create(alice, T0);
    expect(await store.read(fresh.id, T0 + 30 * MIN)).toBeNull();
    // Gone from the table: the clock going back (another instance's skew) does not revive it.
    expect(await store.read(fresh.id, T0)).toBeNull();
  });

  it('ends a session SESSION_MAX_AGE after sign-in however busy it is', async () => {
    const store = open();
    const { id } = await store.create(alice, T0);
    for (let t = T0; t < T0 + 120 * MIN; t += 10 * MIN) expect(await store.read(id, t), `at +${(t - T0) / MIN} min`).not.toBeNull();
    expect((await store.read(id, T0 + 119 * MIN))!.expiresAt).toBe(T0 + 120 * MIN);
    expect(await store.read(id, T0 + 120 * MIN)).toBeNull();
  });

  it('delete ends a session at once; deleting an unknown one is harmless', async () => {
    const store = open();
    const { id } = await store.create(alice, T0);
    await store.delete(id);
    expect(await store.read(id, T0)).toBeNull();
    await expect(store.delete(id)).resolves.toBeUndefined();
  });

  it('the sweep deletes idle and over-age sessions and old rate-limit windows, nothing live', async () => {
    const store = open();
    const idle = await store.create(alice, T0);
    const busy = await store.create(alice, T0);
    for (let t = T0; t <= T0 + 40 * MIN; t += 5 * MIN) await store.read(busy.id, t);
    await store.countHit('user:alice', T0, T0);
    expect(await store.sweep(T0 + 40 * MIN)).toBe(1);
    expect(await store.read(busy.id, T0 + 40 * MIN)).not.toBeNull();
    expect(await store.sweep(T0 + 120 * MIN)).toBe(1);
    expect(await store.read(idle.id, T0)).toBeNull();
    expect(await store.read(busy.id, T0 + 41 * MIN)).toBeNull();
    // The window of T0 was swept (an hour old): counting starts again.
    expect(await store.countHit('user:alice', T0, T0 + 120 * MIN)).toBe(1);
  });

  it('sign-ins and counted stops sweep by themselves, at most every SWEEP_INTERVAL', async () => {
    const store = open();
    const old = await store.create(alice, T0); // the first call sweeps
    await store.create(alice, T0 + 31 * MIN); // 31 min on: sweeps, and `old` (idle since T0) goes
    // Read at T0 it would still be live: it was swept, not lazily dropped.
    expect(await store.read(old.id, T0)).toBeNull();
    const later = await store.create(alice, T0 + 31 * MIN);
    await store.countHit('user:alice', T0 + 55 * MIN, T0 + 55 * MIN); // sweeps (24 min on)
    await store.create(alice, T0 + 62 * MIN); // 7 min after the last sweep: none, though `later` has been idle since T0 + 61 min
    expect(await store.read(later.id, T0 + 31 * MIN)).not.toBeNull();
    await store.create(alice, T0 + 55 * MIN + SWEEP_INTERVAL_MS); // SWEEP_INTERVAL on: sweeps
    expect(await store.read(later.id, T0 + 31 * MIN)).toBeNull();
  });

  it('counts hits per (key, window) atomically, even when they arrive at once', async () => {
    const store = open();
    const hits = await Promise.all(Array.from({ length: 20 }, () => store.countHit('user:alice', T0, T0)));
    expect(hits.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await store.countHit('user:bob', T0, T0)).toBe(1);
    expect(await store.countHit('user:alice', T0 + MIN, T0 + MIN)).toBe(1);
  });
});

describe('session store, where it keeps things', () => {
  it('SQLite: DATA_DIR/sessions.db, readable by the console only (0600)', async () => {
    const folder = join(dir, 'data');
    const store = openSqliteSessionStore(folder, POLICY);
    stores.push(store);
    await store.ready();
    expect(statSync(join(folder, SESSIONS_DB_FILE)).mode & 0o777).toBe(0o600);
  });

  it('PostgreSQL: only a SHA-256 of the session id is stored, and two instances share sessions and counts', async () => {
    const url = postgres.createDatabase(`sessions_${++databases}`);
    const [a, b] = [openPostgresSessionStore(url, POLICY), openPostgresSessionStore(url, POLICY)];
    stores.push(a, b);
    await Promise.all([a.ready(), b.ready()]);
    const { id } = await a.create(alice, T0);
    expect((await b.read(id, T0))!.name).toBe('alice');
    expect(await a.countHit('user:alice', T0, T0)).toBe(1);
    expect(await b.countHit('user:alice', T0, T0)).toBe(2);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = (await client.query('SELECT * FROM console_session')).rows as Record<string, unknown>[];
    await client.end();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(rows[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
    await b.delete(id);
    expect(await a.read(id, T0)).toBeNull();
  });
});
