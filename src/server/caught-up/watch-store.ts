// Where stop-when-caught-up watches are kept: the one truth every console instance reads and writes.
// SQLite (DATA_DIR/caught-up.db, one instance; ':memory:' for tests) or PostgreSQL (DATABASE_URL,
// shared by several instances), both through Kysely. Only the latest watch of each task is kept,
// and finished ones for FINISHED_KEEP_DAYS; a watch is a few hundred bytes of JSON. Every change a
// watch can race on (a poll, its stop, a cancel from another instance) is a conditional update:
// the caller learns whether it was the one that changed the row, and only that one acts.
import { join, resolve } from 'node:path';
import type { CaughtUpWatch } from '../../api/caught-up';
import { CAUGHT_UP_ACTIVE_STATES, type CaughtUpState } from '../../api/rules/caught-up';
import { openPostgresDatabase, openSqliteDatabase, type StoreDatabase } from '../store/database';
import { MigratedStore } from '../store/migrated-store';
import type { Lease } from './lease';
import { WATCH_MIGRATIONS, type WatchTable, type WatchTables } from './watch-schema';

export const WATCH_DB_FILE = 'caught-up.db';
const FINISHED_KEEP_DAYS = 7;

/** The row a transition expects: in `state`, and held by `owner` or with a lease free or expired at `leaseExpiredAt`. */
export interface Expected {
  state: CaughtUpState;
  owner?: string;
  leaseExpiredAt?: string;
}

/** A watch some instance may act on, and who held it (null: nobody). */
export interface Available {
  watch: CaughtUpWatch;
  leaseOwner: string | null;
}

export class WatchStore extends MigratedStore<WatchTables> {
  constructor(database: StoreDatabase<WatchTables>, now: () => number) {
    const purgeBefore = () => new Date(now() - FINISHED_KEEP_DAYS * 86_400_000).toISOString();
    super(database, { what: 'watch', name: 'caught_up', migrations: WATCH_MIGRATIONS }, async () => {
      await database.db.deleteFrom('watch').where('finished_at', '<', purgeBefore()).execute();
    });
  }

  /** Adds a new watch held by `lease` and drops the task's older ones; false (nothing written) when the task already has an active watch. */
  async insert(watch: CaughtUpWatch, lease: Lease): Promise<boolean> {
    await this.open();
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('watch')
        .values({ ...columns(watch, lease), id: watch.id, target: watch.target, task_id: watch.task_id, created_at: watch.created_at })
        .onConflict((oc) => oc.doNothing()) // the one-active-watch-per-task index
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      await trx.deleteFrom('watch').where('target', '=', watch.target).where('task_id', '=', watch.task_id).where('id', '<>', watch.id).execute();
      return true;
    });
  }

  /** Removes a watch (one whose schedule could not be recorded in the audit trail). */
  async remove(id: string): Promise<void> {
    await this.open();
    await this.db.deleteFrom('watch').where('id', '=', id).execute();
  }

  /** The task's latest watch, active or finished. */
  async latest(target: string, taskId: string): Promise<CaughtUpWatch | null> {
    await this.open();
    const row = await this.db.selectFrom('watch').select('body').where('target', '=', target).where('task_id', '=', taskId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    return row ? parse(row.body) : null;
  }

  /** Watches still acting (waiting, stopping), oldest first; of one target when given. */
  async active(target?: string): Promise<CaughtUpWatch[]> {
    await this.open();
    let query = this.db.selectFrom('watch').select('body').where('state', 'in', CAUGHT_UP_ACTIVE_STATES);
    if (target !== undefined) query = query.where('target', '=', target);
    return (await query.orderBy('created_at').execute()).map((row) => parse(row.body));
  }

  async countActive(): Promise<number> {
    await this.open();
    const row = await this.db.selectFrom('watch').select((eb) => eb.fn.countAll<number>().as('count')).where('state', 'in', CAUGHT_UP_ACTIVE_STATES).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * What `owner` may act on at `now`: waiting watches due by `dueBy` whose lease is free, expired or
   * its own, and stopping ones whose lease is free or expired (whoever was sending the stop died).
   */
  async available(owner: string, now: string, dueBy: string): Promise<Available[]> {
    await this.open();
    const rows = await this.db
      .selectFrom('watch')
      .select(['body', 'lease_owner'])
      .where((eb) =>
        eb.or([
          eb.and([
            eb('state', '=', 'waiting'),
            eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', dueBy)]),
            eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<', now)]),
          ]),
          eb.and([eb('state', '=', 'stopping'), eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', now)])]),
        ]),
      )
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({ watch: parse(row.body), leaseOwner: row.lease_owner }));
  }

  /** Takes or renews the lease of a waiting watch, writing `watch`, if its lease is free, expired at `now` or already `lease.owner`'s. */
  async claim(watch: CaughtUpWatch, lease: Lease, now: string): Promise<boolean> {
    await this.open();
    const result = await this.db
      .updateTable('watch')
      .set(columns(watch, lease))
      .where('id', '=', watch.id)
      .where('state', '=', 'waiting')
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', lease.owner), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Writes `watch` (its lease becomes `lease`, null: none) only if the row is as `expected`; true: this call changed it. */
  async transition(watch: CaughtUpWatch, expected: Expected, lease: Lease | null): Promise<boolean> {
    await this.open();
    let update = this.db.updateTable('watch').set(columns(watch, lease)).where('id', '=', watch.id).where('state', '=', expected.state);
    const { owner, leaseExpiredAt } = expected;
    if (owner !== undefined) update = update.where('lease_owner', '=', owner);
    if (leaseExpiredAt !== undefined) update = update.where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', leaseExpiredAt)]));
    return Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
  }

  /** Frees the leases `owner` holds (a graceful shutdown: another instance takes its watches at once). */
  async release(owner: string): Promise<void> {
    await this.open();
    await this.db.updateTable('watch').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', owner).execute();
  }

  /** Every watch, active and finished, by id, in pages of `pageSize` (the one-time copy to PostgreSQL). */
  async *exportAll(pageSize = 500): AsyncGenerator<WatchTable[]> {
    await this.open();
    for (let after = ''; ; ) {
      const rows = await this.db.selectFrom('watch').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield rows;
    }
  }

  /**
   * Adds watches as they were, with their leases free so that any instance takes them up. An id
   * already here is left as it is (alreadyThere); an active watch whose task has another active
   * watch here is not added (skipped): the one-active-watch-per-task index keeps that one. Older
   * watches of a task are not dropped as insert() does: finished ones leave after FINISHED_KEEP_DAYS.
   */
  async importWatches(rows: readonly WatchTable[]): Promise<ImportedWatches> {
    await this.open();
    if (rows.length === 0) return { added: 0, alreadyThere: 0, skipped: 0 };
    return this.db.transaction().execute(async (trx) => {
      const added = await trx
        .insertInto('watch')
        .values(rows.map((row) => ({ ...row, lease_owner: null, lease_until: null })))
        .onConflict((oc) => oc.doNothing()) // the id, or the task's active watch
        .returning('id')
        .execute();
      const addedIds = new Set(added.map((row) => row.id));
      const notAdded = rows.filter((row) => !addedIds.has(row.id)).map((row) => row.id);
      const here = notAdded.length === 0 ? [] : await trx.selectFrom('watch').select('id').where('id', 'in', notAdded).execute();
      return { added: added.length, alreadyThere: here.length, skipped: notAdded.length - here.length };
    });
  }
}

/** What importWatches did with the watches it was given. */
export interface ImportedWatches {
  added: number;
  alreadyThere: number;
  /** Active watches of a task that already has another active watch here. */
  skipped: number;
}

function columns(watch: CaughtUpWatch, lease: Lease | null) {
  return {
    state: watch.state,
    finished_at: watch.finished_at,
    next_poll_at: watch.next_poll_at,
    body: JSON.stringify(watch),
    lease_owner: lease?.owner ?? null,
    lease_until: lease?.until ?? null,
  };
}

const parse = (body: string) => JSON.parse(body) as CaughtUpWatch;

/**
 * Opens (creating it and its folder if needed) `<dataDir>/caught-up.db`, or an in-memory database for
 * `':memory:'`. Throws an Error naming the file when it cannot be opened; the schema is brought up to
 * date before the first call completes (`ready()` to wait for it).
 */
export function openSqliteWatchStore(dataDir: string, now: () => number = Date.now): WatchStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(resolve(dataDir), WATCH_DB_FILE);
  try {
    return new WatchStore(openSqliteDatabase<WatchTables>(file, { synchronous: 'FULL', busyTimeoutMs: 5000 }), now);
  } catch (error) {
    throw new Error(`The watch database ${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
}

/** The watches in PostgreSQL (DATABASE_URL): every instance sees, cancels and may take over the same watches. */
export function openPostgresWatchStore(url: string, now: () => number = Date.now): WatchStore {
  return new WatchStore(openPostgresDatabase<WatchTables>(url), now);
}
