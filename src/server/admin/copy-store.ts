// The one-time copy of what a single console kept under DATA_DIR (SQLite) into PostgreSQL, for a
// team that outgrows one instance. It copies record by record, keyed by id, so running it again
// adds nothing twice, and it reports what it read, added and found already there. The SQLite files
// are brought to the current schema, as the console itself would on its next start, and otherwise
// only read.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUDIT_DB_FILE, openPostgresAuditStore, openSqliteAuditStore } from '../audit/sqlite-store';

export interface CopiedCounts {
  /** Records found in DATA_DIR. */
  read: number;
  /** Records added to PostgreSQL. */
  added: number;
  /** Records PostgreSQL already held (an earlier copy). */
  alreadyThere: number;
}

export interface CopyReport {
  audit: CopiedCounts | 'no audit.db';
}

export async function copyDataDirToPostgres(dataDir: string, databaseUrl: string): Promise<CopyReport> {
  const folder = resolve(dataDir);
  if (!existsSync(folder)) throw new Error(`DATA_DIR ${folder} does not exist`);
  return { audit: existsSync(join(folder, AUDIT_DB_FILE)) ? await copyAudit(folder, databaseUrl) : 'no audit.db' };
}

async function copyAudit(folder: string, databaseUrl: string): Promise<CopiedCounts> {
  const from = openSqliteAuditStore(folder);
  const to = openPostgresAuditStore(databaseUrl);
  try {
    await Promise.all([from.ready(), to.ready()]);
    const counts: CopiedCounts = { read: 0, added: 0, alreadyThere: 0 };
    for await (const page of from.exportAll()) {
      const added = await to.importRecords(page);
      counts.read += page.length;
      counts.added += added;
      counts.alreadyThere += page.length - added;
    }
    return counts;
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}
