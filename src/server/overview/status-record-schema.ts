// The console's record of task statuses (DATA_DIR/status.db or DATABASE_URL's): for each task the
// status the console last read, since when, and whether it saw the task change into it. It survives
// restarts and is shared by instances, so "last changed" (the list's column and sort) and the
// overview's "failed in the last 24 h" do not start again at every restart.
import { sql, type ColumnDataType, type Expression } from 'kysely';
import type { StoreDialect } from '../store/database';
import type { StoreMigration } from '../store/migrate';

export interface TaskStatusTable {
  target: string;
  task_id: string;
  status: string | null;
  /** Since when the task has had `status`, ms since the epoch (the app clock). */
  since_ms: number;
  /** 1: the console read the task in another status before (since_ms is the change, to one scan); 0: first read in it. */
  change_seen: number;
}

export interface StatusRecordTables {
  task_status: TaskStatusTable;
}

export const STATUS_RECORD_MIGRATIONS: Record<string, StoreMigration> = {
  '0001-task-status': async (db, dialect) => {
    await db.schema
      .createTable('task_status')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('since_ms', doubleType(dialect), (c) => c.notNull())
      .addColumn('change_seen', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('task_status_pk', ['target', 'task_id'])
      .execute();
  },
};

function doubleType(dialect: StoreDialect): ColumnDataType | Expression<unknown> {
  return dialect === 'sqlite' ? 'real' : sql`double precision`;
}
