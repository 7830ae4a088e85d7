// The audit trail's table, as Kysely sees it, and its versioned migrations (store/migrate.ts).
// 0001 is the table every console since the first has written (`CREATE TABLE IF NOT EXISTS`, so a
// DATA_DIR/audit.db of an earlier version is taken over in place, records and all); 0002 adds the
// stable subject beside the display name.
import { sql, type Generated } from 'kysely';
import type { StoreMigration } from '../store/migrate';

export interface AuditRecordTable {
  seq: Generated<number>;
  id: string;
  /** ISO 8601 UTC with milliseconds: sorts as text, the same in both dialects. */
  at: string;
  user_name: string;
  /** oidc: issuer + sub; proxy: the user header; none: `local`. Null in records older than 0002. */
  user_subject: string | null;
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

export interface AuditTables {
  audit_record: AuditRecordTable;
}

export const AUDIT_MIGRATIONS: Record<string, StoreMigration> = {
  '0001-audit-record': async (db, dialect) => {
    await db.schema
      .createTable('audit_record')
      .ifNotExists()
      .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey(),
      )
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull())
      .addColumn('task_name', 'text')
      .addColumn('status_before', 'text')
      .addColumn('reason', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('status_after', 'text')
      .addColumn('error_code', 'text')
      .addColumn('upstream_error_code', 'text')
      .addColumn('upstream_request_id', 'text')
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .modifyEnd(dialect === 'sqlite' ? sql`STRICT` : sql``)
      .execute();
    await db.schema.createIndex('audit_record_task').ifNotExists().on('audit_record').columns(['task_id', 'at']).execute();
    await db.schema.createIndex('audit_record_user').ifNotExists().on('audit_record').columns(['user_name', 'at']).execute();
    await db.schema.createIndex('audit_record_at').ifNotExists().on('audit_record').column('at').execute();
  },
  '0002-audit-subject': async (db) => {
    await db.schema.alterTable('audit_record').addColumn('user_subject', 'text').execute();
    await db.schema.createIndex('audit_record_subject').on('audit_record').columns(['user_subject', 'at']).execute();
  },
};
