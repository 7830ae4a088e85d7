// What every store on the query layer shares: its schema is migrated when it opens, every call
// waits for that (and fails with the same clear message if it could not be done), and close()
// is safe to call twice. The audit trail, the sessions and the watches extend it.
import type { Kysely } from 'kysely';
import type { StoreDatabase, StoreDialect } from './database';
import { migrateStore, type StoreMigration } from './migrate';

export interface StoreSchema {
  /** For messages: "the audit database …". */
  what: string;
  /** Names the store's migration record table: console_migration_<name>. */
  name: string;
  migrations: Record<string, StoreMigration>;
}

export abstract class MigratedStore<Tables> {
  protected readonly db: Kysely<Tables>;
  private closed = false;
  private readonly migrated: Promise<void>;

  constructor(
    protected readonly database: StoreDatabase<Tables>,
    private readonly schema: StoreSchema,
    afterMigrations: () => Promise<void> = async () => undefined,
  ) {
    this.db = database.db;
    this.migrated = migrateStore(database.db as Kysely<unknown>, database.dialect, schema.name, schema.migrations)
      .then(afterMigrations)
      .catch((error: unknown) => {
        throw new Error(`The ${schema.what} database ${database.describe} cannot be opened: ${(error as Error).message}`, { cause: error });
      });
    // Every call awaits it and reports its failure; this only keeps an unawaited store quiet.
    this.migrated.catch(() => undefined);
  }

  /** Resolves once the schema is current; rejects, naming why, when it cannot be made so. */
  ready(): Promise<void> {
    return this.migrated;
  }

  /** Where it lives, never with a password: a file, or postgres://host:port/database. */
  get describe(): string {
    return this.database.describe;
  }

  get dialect(): StoreDialect {
    return this.database.dialect;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.migrated.catch(() => undefined);
    await this.database.close();
  }

  /** Every call starts here: refused once closed, and only once the schema is current. */
  protected async open(): Promise<void> {
    if (this.closed) throw new Error(`the ${this.schema.what} store is closed`);
    await this.migrated;
  }
}
