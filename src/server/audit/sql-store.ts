// The audit trail on SQL, written once for SQLite (DATA_DIR/audit.db) and PostgreSQL (DATABASE_URL):
// Kysely builds every statement. An attempt is inserted `pending` before the cloud is called and
// finished by a conditional update (only a pending record changes), each in one transaction that
// has committed when the promise resolves: a stop that was answered is on disk.
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { StoreDatabase } from '../store/database';
import { MigratedStore } from '../store/migrated-store';
import { AUDIT_MIGRATIONS, type AuditRecordTable, type AuditTables } from './schema';
import type { AuditAttempt, AuditFilter, AuditPage, AuditRecord, AuditResult, AuditStore } from './store';

const COLUMNS = [
  'id', 'at', 'user_name', 'user_subject', 'target', 'task_id', 'task_name', 'status_before', 'reason', 'action', 'batch_id',
  'outcome', 'status_after', 'error_code', 'upstream_error_code', 'upstream_request_id', 'request_id', 'finished_at',
] as const;

type Row = Pick<Selectable<AuditRecordTable>, (typeof COLUMNS)[number]>;

export class SqlAuditStore extends MigratedStore<AuditTables> implements AuditStore {
  constructor(
    database: StoreDatabase<AuditTables>,
    private readonly now: () => Date,
    afterMigrations?: () => Promise<void>,
  ) {
    super(database, { what: 'audit', name: 'audit', migrations: AUDIT_MIGRATIONS }, afterMigrations);
  }

  /** A trivial query, for /readyz: rejects when the database does not answer within `timeoutMs`. */
  async probe(timeoutMs: number): Promise<void> {
    await this.open();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the ${this.database.dialect} store did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([sql`select 1`.execute(this.db), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async begin(attempts: readonly AuditAttempt[]): Promise<AuditRecord[]> {
    await this.open();
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const records: AuditRecord[] = [];
      for (const attempt of attempts) {
        const row = await trx
          .insertInto('audit_record')
          .values({
            id: randomUUID(),
            at,
            user_name: attempt.user,
            user_subject: attempt.subject ?? null,
            target: attempt.target,
            task_id: attempt.task_id,
            task_name: attempt.task_name,
            status_before: attempt.status_before,
            reason: attempt.reason,
            action: attempt.action,
            batch_id: attempt.batch_id,
            outcome: 'pending',
            request_id: attempt.request_id,
          })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        records.push(toRecord(row));
      }
      return records;
    });
  }

  async finish(results: readonly AuditResult[]): Promise<AuditRecord[]> {
    await this.open();
    const finished_at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const records: AuditRecord[] = [];
      for (const { id, ...result } of results) {
        const row = await trx
          .updateTable('audit_record')
          .set({ ...result, finished_at })
          .where('id', '=', id)
          .where('outcome', '=', 'pending')
          .returning(COLUMNS)
          .executeTakeFirst();
        if (!row) throw new Error(`audit record ${id} does not exist or is already finished`);
        records.push(toRecord(row));
      }
      return records;
    });
  }

  async list(filter: AuditFilter): Promise<AuditPage> {
    await this.open();
    let query = this.db.selectFrom('audit_record');
    if (filter.task_id !== undefined) query = query.where('task_id', '=', filter.task_id);
    const name = filter.task_name;
    // A prefix of the task name, ignoring case: lower() on both sides, so both dialects fold the same
    // way (SQLite's lower() folds ASCII letters only, so does it on both sides), and the sender's `%`,
    // `_` and `!` escaped: they are characters to match, never wildcards. The pattern is a parameter.
    if (name !== undefined) {
      query = query.where(sql<boolean>`lower(${sql.ref('task_name')}) like lower(cast(${likePrefix(name)} as text)) escape '!'`);
    }
    if (filter.target !== undefined) query = query.where('target', '=', filter.target);
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('at', '<', filter.until);
    const user = filter.user;
    // The user filter takes the display name or the stable subject.
    if (user !== undefined) query = query.where((eb) => eb.or([eb('user_name', '=', user), eb('user_subject', '=', user)]));
    // The count and the page from one snapshot (SQLite: one transaction; PostgreSQL: repeatable read).
    const snapshot = this.database.dialect === 'postgres' ? this.db.transaction().setIsolationLevel('repeatable read') : this.db.transaction();
    return snapshot.execute(async (trx) => {
      const counted = await trx
        .selectFrom(query.select('seq').as('matching'))
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      const rows = await trx
        .selectFrom(query.select(['seq', ...COLUMNS]).as('matching'))
        .select(COLUMNS)
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return { count: Number(counted.count), records: rows.map(toRecord) };
    });
  }

  /** Every record, oldest first, in pages of `pageSize` (the one-time copy to PostgreSQL). */
  async *exportAll(pageSize = 500): AsyncGenerator<AuditRecord[]> {
    await this.open();
    for (let after = -1; ; ) {
      const rows = await this.db.selectFrom('audit_record').select(['seq', ...COLUMNS]).where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.seq);
      yield rows.map(({ seq: _seq, ...row }) => toRecord(row));
    }
  }

  /** Adds records as they are (ids, times, outcomes), skipping ids already here; returns how many were added. */
  async importRecords(records: readonly AuditRecord[]): Promise<number> {
    await this.open();
    if (records.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const added = await trx
        .insertInto('audit_record')
        .values(records.map(({ user, user_subject, ...rest }) => ({ ...rest, user_name: user, user_subject })))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      return added.length;
    });
  }

}

/** `text` as a LIKE pattern matching the values that start with it (escape character `!`). */
export function likePrefix(text: string): string {
  return `${text.replace(/[!%_]/g, (char) => `!${char}`)}%`;
}

function toRecord({ user_name, user_subject, ...rest }: Row): AuditRecord {
  return { ...rest, user: user_name, user_subject } as AuditRecord;
}
