// Several consoles on one database send each alert once: on a real PostgreSQL (DATABASE_URL) and on
// one SQLite file (DATA_DIR) opened by two stores. Both instances observe the same changes and tick
// at the same time; the outbox's keys and leases leave one delivery per event and webhook.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../dcs/testing/manual-clock';
import { usePostgres } from '../testing/postgres';
import { FIRST_RETRY_MS } from './delivery';
import type { AlertEvent } from './event';
import { openPostgresAlertStore, openSqliteAlertStore, type AlertStore } from './outbox-store';
import { startAlertHarness, type AlertHarness } from './testing/harness';
import { startAlertReceiver, verifyJsonSignature, type AlertReceiver } from './testing/receiver';

const SECRET = 'cluster-alert-secret-0123456789';
const postgres = usePostgres();
let receiver: AlertReceiver;
let dataDir: string;
let running: AlertHarness[] = [];

beforeEach(async () => {
  receiver = await startAlertReceiver();
  dataDir = mkdtempSync(join(tmpdir(), 'dcs-alerts-cluster-'));
});
afterEach(async () => {
  await Promise.all(running.map((h) => h.close()));
  running = [];
  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each([
  ['PostgreSQL', 'postgres'],
  ['one SQLite file', 'sqlite'],
] as const)('two instances on %s', (_name, kind) => {
  /** Two instances on one fresh database, one clock, the same webhook settings. */
  async function twoInstances(): Promise<[AlertHarness, AlertHarness]> {
    const url = kind === 'postgres' ? postgres.freshDatabase() : null;
    const open = (): AlertStore => (url ? openPostgresAlertStore(url) : openSqliteAlertStore(dataDir));
    const clock = new ManualClock();
    const env = { ALERT_WEBHOOK_URL: `${receiver.url}/hook`, ALERT_WEBHOOK_SECRET: SECRET };
    const a = await startAlertHarness(env, { store: open(), clock });
    const b = await startAlertHarness(env, { store: open(), clock });
    running.push(a, b);
    return [a, b];
  }
  const both = (a: AlertHarness, b: AlertHarness) => Promise.all([a.alerts.tick(), b.alerts.tick()]);
  const events = () => receiver.received.map((r) => r.json as AlertEvent);

  it('a change both observe: one alert; twenty at once, ticked by both together: twenty, none twice', async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 20; i++) {
      for (const h of [a, b]) h.changes.tell({ target: 'test', taskId: `task-${i}`, taskName: null, from: 'INCRMIGEATING', to: 'FAILED', atMs: a.clock.now() });
    }
    await both(a, b);
    await both(a, b);
    expect(events()).toHaveLength(20);
    expect(new Set(events().map((e) => e.id)).size).toBe(20);
    for (const request of receiver.received) expect(verifyJsonSignature(request, SECRET)).toBe(true);
  });

  it('a stop accepted through one instance, its TERMINATED seen by the other (or both): stop_terminated once', async () => {
    const [a, b] = await twoInstances();
    const record = await a.record({ action: 'stop', task_id: 'x', reason: 'done' }, { outcome: 'accepted', status_after: 'TERMINATING' });
    await both(a, b);
    expect(events()).toEqual([]);
    b.changes.tell({ target: 'test', taskId: 'x', taskName: 'orders', from: 'TERMINATING', to: 'TERMINATED', atMs: b.clock.now() });
    a.changes.tell({ target: 'test', taskId: 'x', taskName: 'orders', from: 'TERMINATING', to: 'TERMINATED', atMs: a.clock.now() });
    await both(a, b);
    expect(events().map((e) => [e.id, e.user, e.reason])).toEqual([[`stop_terminated:${record.id}`, 'olga', 'done']]);
  });

  it('a row another instance tried meanwhile is not taken from a stale read: its backoff holds', async () => {
    const [a, b] = await twoInstances();
    receiver.answerNext({ status: 500 });
    await a.record({ action: 'stop', task_id: 'z' }, { outcome: 'unknown' });
    await a.alerts.recorded();
    const webhookIds = (await b.alerts.readiness()).webhooks.map((w) => w.id);
    const [stale] = await b.alerts.store.due(webhookIds, new Date(b.clock.now()).toISOString(), 10);
    await a.alerts.tick(); // tried, refused with a 500, set to wait 5 s
    const now = new Date(b.clock.now()).toISOString();
    expect(await b.alerts.store.claim(stale!, b.alerts.instanceId, now, now)).toBe(false);
    await b.alerts.tick();
    expect(receiver.received).toHaveLength(1);
  });

  it('a failed attempt of one instance is retried by the other, once', async () => {
    const [a, b] = await twoInstances();
    receiver.answerNext({ status: 500 });
    await a.record({ action: 'stop', task_id: 'y' }, { outcome: 'refused' });
    await a.alerts.tick();
    expect(receiver.received).toHaveLength(1);
    a.clock.advance(FIRST_RETRY_MS);
    await b.alerts.tick();
    await both(a, b);
    expect(receiver.received).toHaveLength(2);
    expect((await a.alerts.readiness()).webhooks[0]).toMatchObject({ healthy: true, pending: 0 });
    expect((await b.alerts.readiness()).webhooks[0]).toMatchObject({ healthy: true, pending: 0 });
  });
});
