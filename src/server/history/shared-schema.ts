// The progress history's tables in the shared database (DATABASE_URL), as Kysely sees them, and
// their versioned migrations (store/migrate.ts). Several console instances keep one history: the
// instance leading a target (history_leader, a lease on the app clock) samples its tasks and writes
// them here; every instance reads them from here and notes here which tasks its users look at.
// Times are milliseconds since the epoch as doubles (exact to 2^53, numbers in both dialects).
import { sql, type ColumnDataType, type Expression } from 'kysely';
import type { StoreDialect } from '../store/database';
import type { StoreMigration } from '../store/migrate';

export interface HistoryTaskTable {
  target: string;
  task_id: string;
  /** The status of the latest detail read; null until one is read. */
  status: string | null;
  /** When anyone, through any instance, last read the task. */
  last_viewed_ms: number;
  /** 1: the cloud keeps no stats for the task (never sampled); 0 otherwise. */
  no_stats: number;
}

export interface HistorySampleTable {
  target: string;
  task_id: string;
  at_ms: number;
  status: string | null;
  offset: number | null;
  full_migration_progress: number | null;
  source_dbsize: number | null;
  target_dbsize: number | null;
  target_ops: number | null;
  target_input_kbps: number | null;
  /** 1, 0, or null (not known). */
  is_migrating: number | null;
}

export interface HistoryLeaderTable {
  target: string;
  /** The instance sampling the target's tasks. */
  owner: string;
  /** Until when it leads, on the app clock; after that any instance may take over. */
  until_ms: number;
}

export interface HistoryTables {
  history_task: HistoryTaskTable;
  history_sample: HistorySampleTable;
  history_leader: HistoryLeaderTable;
}

const SAMPLE_VALUES = ['offset', 'full_migration_progress', 'source_dbsize', 'target_dbsize', 'target_ops', 'target_input_kbps'] as const;

export const HISTORY_MIGRATIONS: Record<string, StoreMigration> = {
  '0001-history': async (db, dialect) => {
    const double = doubleType(dialect);
    await db.schema
      .createTable('history_task')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('last_viewed_ms', double, (c) => c.notNull())
      .addColumn('no_stats', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('history_task_pk', ['target', 'task_id'])
      .execute();
    let samples = db.schema
      .createTable('history_sample')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('at_ms', double, (c) => c.notNull())
      .addColumn('status', 'text');
    for (const column of SAMPLE_VALUES) samples = samples.addColumn(column, double);
    await samples
      .addColumn('is_migrating', 'integer')
      .addPrimaryKeyConstraint('history_sample_pk', ['target', 'task_id', 'at_ms'])
      .addForeignKeyConstraint('history_sample_task', ['target', 'task_id'], 'history_task', ['target', 'task_id'], (c) => c.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('history_sample_at').on('history_sample').column('at_ms').execute();
    await db.schema
      .createTable('history_leader')
      .addColumn('target', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('until_ms', double, (c) => c.notNull())
      .execute();
  },
};

/** An 8-byte float: SQLite's REAL, PostgreSQL's double precision. */
function doubleType(dialect: StoreDialect): ColumnDataType | Expression<unknown> {
  return dialect === 'sqlite' ? 'real' : sql`double precision`;
}

/** The larger of two values, as each dialect spells it (SQLite's two-argument max, PostgreSQL's greatest). */
export function larger(dialect: StoreDialect, a: Expression<number>, b: Expression<number>): Expression<number> {
  return dialect === 'sqlite' ? sql<number>`max(${a}, ${b})` : sql<number>`greatest(${a}, ${b})`;
}
