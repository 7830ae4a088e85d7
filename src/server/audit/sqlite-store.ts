// The embedded audit store: one SQLite file, DATA_DIR/audit.db, for a console that runs as a
// single instance. WAL with synchronous=FULL: a transaction is on disk when its commit returns, so
// a stop that was answered survives a crash of the process or of the machine.
// better-sqlite3 is synchronous: a commit (one fsync) holds the event loop for about a
// millisecond, which the console's stop rate affords; a batch of 50 is one commit.
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openPrivateDatabase } from '../store/private-database';
import type { AuditAttempt, AuditFilter, AuditPage, AuditRecord, AuditResult, AuditStore } from './store';

export const AUDIT_DB_FILE = 'audit.db';

/** Schema versions, applied in order; PRAGMA user_version says how many have been. */
const MIGRATIONS: string[] = [
  `CREATE TABLE audit_record (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     at TEXT NOT NULL,
     user_name TEXT NOT NULL,
     target TEXT NOT NULL,
     task_id TEXT NOT NULL,
     task_name TEXT,
     status_before TEXT,
     reason TEXT,
     action TEXT NOT NULL,
     batch_id TEXT,
     outcome TEXT NOT NULL,
     status_after TEXT,
     error_code TEXT,
     upstream_error_code TEXT,
     upstream_request_id TEXT,
     request_id TEXT NOT NULL,
     finished_at TEXT
   ) STRICT;
   CREATE INDEX audit_record_task ON audit_record (task_id, at);
   CREATE INDEX audit_record_user ON audit_record (user_name, at);
   CREATE INDEX audit_record_at ON audit_record (at);`,
];

interface Row {
  id: string;
  at: string;
  user_name: string;
  target: string;
  task_id: string;
  task_name: string | null;
  status_before: string | null;
  reason: string | null;
  action: string;
  batch_id: string | null;
  outcome: string;
  status_after: string | null;
  error_code: string | null;
  upstream_error_code: string | null;
  upstream_request_id: string | null;
  request_id: string;
  finished_at: string | null;
}

const COLUMNS =
  'id, at, user_name, target, task_id, task_name, status_before, reason, action, batch_id, outcome, status_after, error_code, upstream_error_code, upstream_request_id, request_id, finished_at';

export interface SqliteAuditStoreOptions {
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * Opens (creating it and its folder if needed) `<dataDir>/audit.db`, or an in-memory database for
 * `':memory:'`. Throws an Error naming the file when it cannot be opened or is of a newer schema.
 */
export function openSqliteAuditStore(dataDir: string, options: SqliteAuditStoreOptions = {}): AuditStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(resolve(dataDir), AUDIT_DB_FILE);
  let db: Database.Database;
  try {
    db = openPrivateDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    throw new Error(`The audit database ${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
  return new SqliteAuditStore(db, options.now ?? (() => new Date()));
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`its schema version ${version} is newer than this console knows (${MIGRATIONS.length})`);
  }
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

class SqliteAuditStore implements AuditStore {
  private closed = false;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_record (${COLUMNS})
       VALUES (@id, @at, @user, @target, @task_id, @task_name, @status_before, @reason, @action, @batch_id, 'pending', NULL, NULL, NULL, NULL, @request_id, NULL)
       RETURNING ${COLUMNS}`,
    );
    this.update = db.prepare(
      `UPDATE audit_record
       SET outcome = @outcome, status_after = @status_after, error_code = @error_code, upstream_error_code = @upstream_error_code,
           upstream_request_id = @upstream_request_id, finished_at = @finished_at
       WHERE id = @id AND outcome = 'pending'
       RETURNING ${COLUMNS}`,
    );
  }

  async begin(attempts: readonly AuditAttempt[]): Promise<AuditRecord[]> {
    this.assertOpen();
    const at = this.now().toISOString();
    return this.db
      .transaction(() => attempts.map((attempt) => toRecord(this.insert.get({ ...attempt, id: randomUUID(), at }) as Row)))
      .immediate();
  }

  async finish(results: readonly AuditResult[]): Promise<AuditRecord[]> {
    this.assertOpen();
    const finished_at = this.now().toISOString();
    return this.db
      .transaction(() =>
        results.map((result) => {
          const row = this.update.get({ ...result, finished_at }) as Row | undefined;
          if (!row) throw new Error(`audit record ${result.id} does not exist or is already finished`);
          return toRecord(row);
        }),
      )
      .immediate();
  }

  async list(filter: AuditFilter): Promise<AuditPage> {
    this.assertOpen();
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = @${column}`);
      params[column] = value;
    };
    equal('task_id', filter.task_id);
    equal('user_name', filter.user);
    equal('target', filter.target);
    if (filter.since !== undefined) {
      where.push('at >= @since');
      params.since = filter.since;
    }
    if (filter.until !== undefined) {
      where.push('at < @until');
      params.until = filter.until;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    // One read transaction: the count and the page see the same snapshot.
    return this.db.transaction(() => {
      const { count } = this.db.prepare(`SELECT count(*) AS count FROM audit_record ${clause}`).get(params) as { count: number };
      const rows = this.db
        .prepare(`SELECT ${COLUMNS} FROM audit_record ${clause} ORDER BY at DESC, seq DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: filter.limit, offset: filter.offset }) as Row[];
      return { count, records: rows.map(toRecord) };
    })();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the audit store is closed');
  }
}

function toRecord({ id, at, user_name, ...rest }: Row): AuditRecord {
  return { id, at, user: user_name, ...rest } as AuditRecord;
}
