// Where alerts wait to be sent: SQLite (DATA_DIR/alerts.db, one instance; ':memory:' for tests) or
// PostgreSQL (DATABASE_URL, shared by several instances), both through Kysely. An event becomes one
// row per webhook, inserted with ON CONFLICT DO NOTHING on a deterministic key, so instances that
// see the same change write it once. A row is sent by whoever holds its lease, taken with a
// conditional update: of several instances due to send it, exactly one wins.
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { openPostgresDatabase, openSqliteDatabase, type StoreDatabase } from '../store/database';
import { MigratedStore } from '../store/migrated-store';
import type { AlertEvent, RememberedStop } from './event';
import { ALERT_MIGRATIONS, type AlertTables, type OutboxTable } from './outbox-schema';

export const ALERT_DB_FILE = 'alerts.db';
/** Rows and remembered stops are dropped this long after they were written (the delivery window is 10 minutes). */
const OUTBOX_KEEP_MS = 7 * 86_400_000;
const STOP_KEEP_MS = 86_400_000;

export type OutboxRow = OutboxTable;

/** What a webhook's rows say about it (GET /readyz). */
export interface WebhookRecord {
  pending: number;
  givenUpSince: number;
  /** The latest attempt: when, and why it failed (null: it succeeded); null when none was made. */
  lastAttempt: { at: string; error: string | null } | null;
}

/** How a send attempt ended, written only while `owner` still holds the row. */
export type Settlement = Pick<OutboxTable, 'state' | 'attempts' | 'next_attempt_at' | 'last_attempt_at' | 'last_error' | 'finished_at'>;

export class AlertStore extends MigratedStore<AlertTables> {
  constructor(database: StoreDatabase<AlertTables>) {
    super(database, { what: 'alert', name: 'alerts', migrations: ALERT_MIGRATIONS });
  }

  /** One pending row per webhook, in one statement; an event already there (any state) is left as it is. Returns the rows added. */
  async enqueue(event: AlertEvent, webhookIds: readonly string[], nowIso: string): Promise<number> {
    await this.open();
    return (await insertRows(this.db, event, webhookIds, nowIso)).length;
  }

  /** Keeps an accepted stop until its task is seen TERMINATED; a newer stop of the task replaces it. */
  async rememberStop(stop: RememberedStop, nowIso: string): Promise<void> {
    await this.open();
    const body = JSON.stringify(stop);
    await this.db
      .insertInto('alert_stop')
      .values({ target: stop.target, task_id: stop.task_id, body, created_at: nowIso })
      .onConflict((oc) => oc.columns(['target', 'task_id']).doUpdateSet({ body, created_at: nowIso }))
      .execute();
  }

  /**
   * The task is TERMINATED: enqueues `toEvent(stop)` of its remembered stop, then forgets the stop.
   * In that order, so a crash between the two leaves the stop remembered, never lost; instances
   * doing it at once write the event once (its key). No transaction: no statement waits on another
   * instance's lock (SQLite). Returns the event, null when no stop was remembered.
   */
  async takeStop(target: string, taskId: string, toEvent: (stop: RememberedStop) => AlertEvent, webhookIds: readonly string[], nowIso: string): Promise<AlertEvent | null> {
    await this.open();
    const row = await this.db.selectFrom('alert_stop').select('body').where('target', '=', target).where('task_id', '=', taskId).executeTakeFirst();
    if (!row) return null;
    const stop = JSON.parse(row.body) as RememberedStop;
    const event = toEvent(stop);
    await insertRows(this.db, event, webhookIds, nowIso);
    // Only this stop: a newer one remembered meanwhile waits for its own TERMINATED.
    await this.db.deleteFrom('alert_stop').where('target', '=', target).where('task_id', '=', taskId).where('body', '=', row.body).execute();
    return event;
  }

  /** Pending rows of these webhooks due by `nowIso` whose lease is free or expired, the longest due first. */
  async due(webhookIds: readonly string[], nowIso: string, limit: number): Promise<OutboxRow[]> {
    await this.open();
    if (webhookIds.length === 0) return [];
    return this.db
      .selectFrom('alert_outbox')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where('webhook_id', 'in', webhookIds)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', nowIso)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
  }

  /**
   * Takes the lease of a row read by due() if it is still as read (no attempt since: another instance
   * may have tried it and set it back to wait) and its lease is free or expired at `nowIso`; true:
   * this caller holds it.
   */
  async claim(row: OutboxRow, owner: string, nowIso: string, leaseUntil: string): Promise<boolean> {
    await this.open();
    const result = await this.db
      .updateTable('alert_outbox')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', nowIso)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Writes an attempt's end and frees the lease, if `owner` still holds it; false: it was taken over meanwhile. */
  async settle(id: string, owner: string, settlement: Settlement): Promise<boolean> {
    await this.open();
    const result = await this.db
      .updateTable('alert_outbox')
      .set({ ...settlement, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Frees the leases `owner` holds (a graceful shutdown: another instance sends them at once). */
  async release(owner: string): Promise<void> {
    await this.open();
    await this.db.updateTable('alert_outbox').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', owner).execute();
  }

  /** Rows still to be sent, cluster-wide. */
  async pendingCount(): Promise<number> {
    await this.open();
    const row = await this.db.selectFrom('alert_outbox').select((eb) => eb.fn.countAll<number>().as('count')).where('state', '=', 'pending').executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async webhookRecord(webhookId: string, sinceIso: string): Promise<WebhookRecord> {
    await this.open();
    const count = (state: 'pending' | 'failed', finishedSince: string | null) => {
      let query = this.outboxOf(webhookId).select((eb) => eb.fn.countAll<number>().as('count')).where('state', '=', state);
      if (finishedSince !== null) query = query.where('finished_at', '>=', finishedSince);
      return query.executeTakeFirstOrThrow();
    };
    const [pending, givenUp, last] = await Promise.all([
      count('pending', null),
      count('failed', sinceIso),
      this.outboxOf(webhookId).select(['last_attempt_at', 'last_error']).where('last_attempt_at', 'is not', null).orderBy('last_attempt_at', 'desc').limit(1).executeTakeFirst(),
    ]);
    return {
      pending: Number(pending.count),
      givenUpSince: Number(givenUp.count),
      lastAttempt: last?.last_attempt_at ? { at: last.last_attempt_at, error: last.last_error } : null,
    };
  }

  /** Drops what is older than the delivery could still need. */
  async purge(nowMs: number): Promise<void> {
    await this.open();
    await this.db.deleteFrom('alert_outbox').where('created_at', '<', new Date(nowMs - OUTBOX_KEEP_MS).toISOString()).where('state', '<>', 'pending').execute();
    await this.db.deleteFrom('alert_stop').where('created_at', '<', new Date(nowMs - STOP_KEEP_MS).toISOString()).execute();
  }

  private outboxOf(webhookId: string) {
    return this.db.selectFrom('alert_outbox').where('webhook_id', '=', webhookId);
  }
}

function insertRows(db: Kysely<AlertTables>, event: AlertEvent, webhookIds: readonly string[], nowIso: string) {
  if (webhookIds.length === 0) return Promise.resolve([]);
  const body = JSON.stringify(event);
  return db
    .insertInto('alert_outbox')
    .values(
      webhookIds.map((webhookId) => ({
        id: `${webhookId}|${event.id}`,
        webhook_id: webhookId,
        event: event.event,
        body,
        state: 'pending' as const,
        attempts: 0,
        created_at: nowIso,
        next_attempt_at: nowIso,
        last_attempt_at: null,
        last_error: null,
        finished_at: null,
        lease_owner: null,
        lease_until: null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
}

/**
 * Opens (creating it and its folder if needed) `<dataDir>/alerts.db`, or an in-memory database for
 * `':memory:'`. Throws an Error naming the file when it cannot be opened; the schema is brought up
 * to date before the first call completes (`ready()` to wait for it).
 */
export function openSqliteAlertStore(dataDir: string): AlertStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(resolve(dataDir), ALERT_DB_FILE);
  try {
    return new AlertStore(openSqliteDatabase<AlertTables>(file, { synchronous: 'FULL', busyTimeoutMs: 5000 }));
  } catch (error) {
    throw new Error(`The alert database ${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
}

/** The outbox in PostgreSQL (DATABASE_URL): every instance enqueues into and sends from the same rows. */
export function openPostgresAlertStore(url: string): AlertStore {
  return new AlertStore(openPostgresDatabase<AlertTables>(url));
}
