// The task store and its state machine. Time comes from an injectable clock and transitions
// that happen "later" (TERMINATING → TERMINATED) are applied lazily whenever the store is read.
import { canStop } from '../dcs/status';
import { isoTime, type SimTask } from './model';
import { seedTasks } from './seed';

export interface StoreConfig {
  tasks: number;
  seed: number;
  stopDelayMs: number;
  now: () => number;
  /** How long a deleted task still answers (status DELETED) before it is gone; default DELETE_GRACE_MS. */
  deleteGraceMs?: number;
}

/** Simulated time a deleted task keeps answering on detail with status DELETED (README §5 "After delete"). */
export const DELETE_GRACE_MS = 60_000;

export type StopOutcome =
  | { ok: true; task: SimTask }
  | { ok: false; reason: 'not_found' | 'not_allowed'; task?: SimTask };

export interface ListQuery {
  offset: number;
  limit: number;
  name?: string;
}

export class TaskStore {
  /** Newest created first; the order never changes after seeding. */
  private tasks: SimTask[] = [];
  private readonly byId = new Map<string, SimTask>();
  /** Tasks waiting to become TERMINATED, so settling does not scan the whole store. */
  private readonly terminating = new Set<SimTask>();
  /** Deleted tasks still answering on detail, with the time they disappear for good. */
  private readonly deleted = new Map<SimTask, number>();

  constructor(private readonly config: StoreConfig) {
    this.reset();
  }

  now(): number {
    return this.config.now();
  }

  /** Counts resets: a request that arrived before one must not act on the re-seeded tasks (server.ts). */
  generation = 0;

  /** Re-seeds from the configured seed, relative to the current clock. */
  reset(): void {
    this.generation += 1;
    this.tasks = seedTasks({ count: this.config.tasks, seed: this.config.seed, nowMs: this.now() });
    this.byId.clear();
    this.terminating.clear();
    this.deleted.clear();
    for (const task of this.tasks) {
      this.byId.set(task.task_id, task);
      if (task.sim.terminatingSinceMs !== null) this.terminating.add(task);
    }
  }

  get size(): number {
    return this.tasks.length;
  }

  list({ offset, limit, name }: ListQuery): { count: number; tasks: SimTask[] } {
    this.settle();
    const matches = name ? this.tasks.filter((t) => t.task_name.includes(name)) : this.tasks;
    return { count: matches.length, tasks: matches.slice(offset, offset + limit) };
  }

  get(taskId: string): SimTask | undefined {
    this.settle();
    return this.byId.get(taskId);
  }

  /**
   * Stop as the cloud does it: a stoppable task (canStop) turns TERMINATING at once and
   * TERMINATED after stopDelayMs; a TERMINATING task is returned unchanged; anything else
   * is refused.
   */
  stop(taskId: string, request: 'stop' | 'sync-stop' = 'stop'): StopOutcome {
    const task = this.get(taskId);
    if (!task) return { ok: false, reason: 'not_found' };
    if (task.status === 'TERMINATING') return { ok: true, task };
    if (!canStop(task.status)) return { ok: false, reason: 'not_allowed', task };
    const now = this.now();
    task.status = 'TERMINATING';
    task.updated_at = isoTime(now);
    task.sim.haltedMs = now;
    task.sim.terminatingSinceMs = now;
    task.sim.stopRequest = request;
    this.terminating.add(task);
    return { ok: true, task };
  }

  /**
   * DELETE /migration-tasks/delete. Any listed task can be deleted (the cloud's rule is not
   * documented): it leaves the list at once, answers on detail with status DELETED for
   * deleteGraceMs and is then unknown. Unknown, already deleted and repeated ids are skipped.
   * Data stops moving; updated_at is left alone (deletion is not completion).
   */
  delete(taskIds: readonly string[]): string[] {
    const now = this.now();
    const done: string[] = [];
    for (const taskId of taskIds) {
      const task = this.get(taskId);
      if (!task || this.deleted.has(task)) continue;
      task.sim.statusBeforeDelete = task.status;
      task.sim.deletedMs = now;
      task.sim.haltedMs ??= now;
      task.sim.terminatingSinceMs = null;
      task.status = 'DELETED';
      this.terminating.delete(task);
      this.deleted.set(task, now + (this.config.deleteGraceMs ?? DELETE_GRACE_MS));
      done.push(taskId);
    }
    if (done.length > 0) this.tasks = this.tasks.filter((t) => !this.deleted.has(t));
    return done;
  }

  /**
   * Control API: force any status (unknown strings included). TERMINATING goes on to
   * TERMINATED after stopDelayMs like a real stop; a data-moving status restarts the stats.
   */
  forceStatus(taskId: string, status: string): SimTask | undefined {
    const task = this.get(taskId);
    if (!task) return undefined;
    const now = this.now();
    task.status = status;
    task.updated_at = isoTime(now);
    this.terminating.delete(task);
    task.sim.terminatingSinceMs = null;
    if (status === 'TERMINATING') {
      task.sim.terminatingSinceMs = now;
      this.terminating.add(task);
    }
    if (status === 'INCRMIGEATING' || status === 'INCRMIGRATING') task.sim.fullSyncDone = true;
    if (canStop(status)) {
      task.sim.haltedMs = null;
      task.sim.refMs = now;
    } else if (task.sim.haltedMs === null) {
      task.sim.haltedMs = now;
    }
    return task;
  }

  /** Applies transitions that are due by now. */
  private settle(): void {
    if (this.terminating.size === 0 && this.deleted.size === 0) return;
    const now = this.now();
    for (const [task, goneAt] of this.deleted) {
      if (now < goneAt) continue;
      this.deleted.delete(task);
      this.byId.delete(task.task_id);
    }
    for (const task of this.terminating) {
      const since = task.sim.terminatingSinceMs;
      if (since === null || task.status !== 'TERMINATING') {
        this.terminating.delete(task);
      } else if (now >= since + this.config.stopDelayMs) {
        task.status = 'TERMINATED';
        task.updated_at = isoTime(since + this.config.stopDelayMs);
        task.sim.terminatingSinceMs = null;
        this.terminating.delete(task);
      }
    }
  }
}
