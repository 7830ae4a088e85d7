// The alerts' tables, as Kysely sees them, and their versioned migrations (store/migrate.ts).
// alert_outbox: one row per (event, webhook); its primary key is what makes an event go out once
// however many instances saw it. alert_stop: accepted console stops whose task has not yet been
// seen TERMINATED, shared so that any instance's observer can tell of it.
import { sql } from 'kysely';
import type { StoreMigration } from '../store/migrate';

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  /** `<webhook id>|<event id>`. */
  id: string;
  webhook_id: string;
  /** The event kind (ALERT_EVENTS), for metrics. */
  event: string;
  /** The AlertEvent as JSON; each format is rendered from it when sent. */
  body: string;
  state: OutboxState;
  attempts: number;
  /** ISO 8601 UTC with milliseconds on the app clock: sorts as text, the same in both dialects. */
  created_at: string;
  next_attempt_at: string;
  last_attempt_at: string | null;
  /** Why the last attempt failed (status, code, timeout): never a URL or a secret. null after a success. */
  last_error: string | null;
  finished_at: string | null;
  /** The instance sending it; after lease_until anyone may take it. */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface StopTable {
  target: string;
  task_id: string;
  /** The RememberedStop as JSON. */
  body: string;
  created_at: string;
}

export interface AlertTables {
  alert_outbox: OutboxTable;
  alert_stop: StopTable;
}

export const ALERT_MIGRATIONS: Record<string, StoreMigration> = {
  '0001-alerts': async (db, dialect) => {
    const strict = dialect === 'sqlite' ? sql`STRICT` : sql``;
    await db.schema
      .createTable('alert_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('webhook_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .modifyEnd(strict)
      .execute();
    await db.schema.createIndex('alert_outbox_due').on('alert_outbox').columns(['state', 'next_attempt_at']).execute();
    await db.schema.createIndex('alert_outbox_webhook').on('alert_outbox').columns(['webhook_id', 'last_attempt_at']).execute();
    await db.schema.createIndex('alert_outbox_created').on('alert_outbox').column('created_at').execute();
    await db.schema
      .createTable('alert_stop')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('alert_stop_pk', ['target', 'task_id'])
      .modifyEnd(strict)
      .execute();
  },
};
