// Where the task observer keeps what it read (status-record-schema.ts): SQLite for one console,
// PostgreSQL for several. Writes are conditional: a task's row changes only when its status does,
// so of several instances that see one change, the first to write it sets "since".
import { join, resolve } from 'node:path';
import { openPostgresDatabase, openSqliteDatabase, type StoreDatabase } from '../store/database';
import { MigratedStore } from '../store/migrated-store';
import type { ObservedTask } from './observed';
import { STATUS_RECORD_MIGRATIONS, type StatusRecordTables } from './status-record-schema';

export const STATUS_DB_FILE = 'status.db';
/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

export type RecordedStatus = Pick<ObservedTask, 'status' | 'statusSinceMs' | 'changeSeen'>;

/** The observer's view of the record. */
export interface StatusRecord {
  /** The target's tasks as recorded, by task id (empty: the console never read the target). */
  load(target: string): Promise<Map<string, RecordedStatus>>;
  /** Writes these tasks; a task recorded in the same status keeps its row. */
  save(target: string, tasks: readonly ObservedTask[]): Promise<void>;
  /** Forgets tasks the cloud no longer lists. */
  drop(target: string, taskIds: readonly string[]): Promise<void>;
}

export class StatusRecordStore extends MigratedStore<StatusRecordTables> implements StatusRecord {
  constructor(database: StoreDatabase<StatusRecordTables>) {
    super(database, { what: 'task status', name: 'status', migrations: STATUS_RECORD_MIGRATIONS });
  }

  async load(target: string): Promise<Map<string, RecordedStatus>> {
    await this.open();
    const rows = await this.db.selectFrom('task_status').select(['task_id', 'status', 'since_ms', 'change_seen']).where('target', '=', target).execute();
    return new Map(rows.map((row) => [row.task_id, { status: row.status, statusSinceMs: Number(row.since_ms), changeSeen: row.change_seen === 1 }]));
  }

  async save(target: string, tasks: readonly ObservedTask[]): Promise<void> {
    await this.open();
    for (let i = 0; i < tasks.length; i += CHUNK) {
      const rows = tasks.slice(i, i + CHUNK).map((task) => ({
        target,
        task_id: task.taskId,
        status: task.status,
        since_ms: task.statusSinceMs,
        change_seen: task.changeSeen ? 1 : 0,
      }));
      await this.db
        .insertInto('task_status')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['target', 'task_id'])
            .doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), since_ms: eb.ref('excluded.since_ms'), change_seen: eb.ref('excluded.change_seen') }))
            .where((eb) => eb('task_status.status', 'is distinct from', eb.ref('excluded.status'))),
        )
        .execute();
    }
  }

  /** Every target with a recorded task (store:copy). */
  async targets(): Promise<string[]> {
    await this.open();
    return (await this.db.selectFrom('task_status').select('target').distinct().orderBy('target').execute()).map((row) => row.target);
  }

  /** Adds the tasks not recorded yet, leaving those recorded as they are (store:copy); returns how many were added. */
  async importTarget(target: string, recorded: ReadonlyMap<string, RecordedStatus>): Promise<number> {
    await this.open();
    const rows = [...recorded].map(([taskId, r]) => ({ target, task_id: taskId, status: r.status, since_ms: r.statusSinceMs, change_seen: r.changeSeen ? 1 : 0 }));
    let added = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const inserted = await this.db
        .insertInto('task_status')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['target', 'task_id']).doNothing())
        .returning('task_id')
        .execute();
      added += inserted.length;
    }
    return added;
  }

  async drop(target: string, taskIds: readonly string[]): Promise<void> {
    await this.open();
    for (let i = 0; i < taskIds.length; i += CHUNK) {
      await this.db.deleteFrom('task_status').where('target', '=', target).where('task_id', 'in', taskIds.slice(i, i + CHUNK)).execute();
    }
  }
}

/** `<dataDir>/status.db`, or an in-memory database for `':memory:'`; throws naming the file when it cannot be opened. */
export function openSqliteStatusRecord(dataDir: string): StatusRecordStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(resolve(dataDir), STATUS_DB_FILE);
  try {
    return new StatusRecordStore(openSqliteDatabase<StatusRecordTables>(file, { synchronous: 'NORMAL', busyTimeoutMs: 5000 }));
  } catch (error) {
    throw new Error(`The task status database ${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
}

export function openPostgresStatusRecord(url: string): StatusRecordStore {
  return new StatusRecordStore(openPostgresDatabase<StatusRecordTables>(url));
}
