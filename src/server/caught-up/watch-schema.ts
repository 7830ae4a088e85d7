// The watches' table, as Kysely sees it, and its versioned migrations (store/migrate.ts). 0001 is
// the table every console since the first has written (`CREATE TABLE IF NOT EXISTS`, so the
// DATA_DIR/caught-up.db of an earlier console is taken over in place, watches and all); 0002 adds
// what several instances need: the lease of each watch, when it is next due, and at most one
// active watch per task enforced by the database itself (a partial unique index), not by memory.
import { sql } from 'kysely';
import { CAUGHT_UP_ACTIVE_STATES } from '../../api/rules/caught-up';
import type { StoreMigration } from '../store/migrate';

export interface WatchTable {
  id: string;
  target: string;
  task_id: string;
  /** CAUGHT_UP_STATES; the body holds the same. */
  state: string;
  /** ISO 8601 UTC with milliseconds: sorts as text, the same in both dialects. */
  created_at: string;
  finished_at: string | null;
  /** The whole CaughtUpWatch as JSON. */
  body: string;
  /** The body's next_poll_at; null in rows written before 0002 (due at once). */
  next_poll_at: string | null;
  /** The instance id running the watch; null: nobody (new, released, or written before 0002). */
  lease_owner: string | null;
  /** Until when lease_owner holds it, on the app clock; after that anyone may take it. */
  lease_until: string | null;
}

export interface WatchTables {
  watch: WatchTable;
}

export const WATCH_MIGRATIONS: Record<string, StoreMigration> = {
  '0001-watch': async (db, dialect) => {
    await db.schema
      .createTable('watch')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .modifyEnd(dialect === 'sqlite' ? sql`STRICT` : sql``)
      .execute();
    await db.schema.createIndex('watch_task').ifNotExists().on('watch').columns(['target', 'task_id']).execute();
    await db.schema.createIndex('watch_state').ifNotExists().on('watch').column('state').execute();
  },
  '0002-watch-lease': async (db) => {
    await db.schema.alterTable('watch').addColumn('next_poll_at', 'text').execute();
    await db.schema.alterTable('watch').addColumn('lease_owner', 'text').execute();
    await db.schema.alterTable('watch').addColumn('lease_until', 'text').execute();
    // Two instances scheduling the same task at once: the second insert finds this index taken.
    await db.schema
      .createIndex('watch_one_active_per_task')
      .on('watch')
      .columns(['target', 'task_id'])
      .unique()
      .where(sql.ref('state'), 'in', CAUGHT_UP_ACTIVE_STATES.map((state) => sql.lit(state)))
      .execute();
  },
};
