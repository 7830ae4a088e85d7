// Versioned schema changes, run at start-up with Kysely's Migrator: each store has its own list and
// its own record of what ran (console_migration_<store>), so the three SQLite files and the one
// PostgreSQL database upgrade the same way. Several instances starting at once are safe: on
// PostgreSQL the Migrator holds an advisory lock while it runs, and the losers find the work done.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreDialect } from './database';

/** A schema change; `dialect` picks column types where SQLite and PostgreSQL differ. */
export type StoreMigration = (db: Kysely<unknown>, dialect: StoreDialect) => Promise<void>;

/**
 * Applies `migrations` (named so that they sort in order: `0001-…`) not yet applied. Throws when the
 * database holds a migration this console does not know: it was written by a newer version.
 */
export async function migrateStore(db: Kysely<unknown>, dialect: StoreDialect, store: string, migrations: Record<string, StoreMigration>): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(migrations).map(([name, up]): [string, Migration] => [name, { up: (trx) => up(trx, dialect) }])),
  };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: `console_migration_${store}`,
    migrationLockTableName: `console_migration_${store}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    const newer = /corrupted migrations.*missing/i.test(message);
    throw new Error(
      newer
        ? `its schema is newer than this console knows (${message}); run the newer console, or restore a backup`
        : `migration ${failed ?? '(before any ran)'} failed: ${message}`,
      { cause: error },
    );
  }
}
