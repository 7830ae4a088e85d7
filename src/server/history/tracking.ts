// Which tasks the shared progress history tracks. Only tasks the cloud has confirmed (a detail or
// stats answer, or the history route's own detail read) and, per user, at most
// HISTORY_NEW_TASKS_PER_USER newly tracked tasks in any HISTORY_NEW_TASKS_WINDOW_MS: the list
// holds HISTORY_MAX_TASKS for everyone, so one user reading many tasks (or made-up ids) must not
// push out what others are watching. A task already tracked is always let through (it only moves
// to the front). Time is the history's clock, so tests move it.
import type { FastifyBaseLogger } from 'fastify';
import type { ProgressHistory } from './progress-history';

/** A batch stop (BATCH_STOP_MAX, 50) is followed by reads of each task: they all fit. */
export const HISTORY_NEW_TASKS_PER_USER = 50;
/** Sliding: a task counts until this long after it was first tracked (the background view window). */
export const HISTORY_NEW_TASKS_WINDOW_MS = 15 * 60_000;
/** Past this many users, those with nothing left in their window are let go. */
const SWEEP_ABOVE_USERS = 10_000;

interface UserWindow {
  /** When each task this user newly tracked in the window was added, oldest first. */
  addedMs: number[];
  /** The refusal of this window was logged. */
  told: boolean;
}

export class TaskTracking {
  private readonly users = new Map<string, UserWindow>();
  private readonly perUser = HISTORY_NEW_TASKS_PER_USER;
  private readonly windowMs = HISTORY_NEW_TASKS_WINDOW_MS;

  constructor(private readonly history: ProgressHistory) {}

  /**
   * `reader` (principalKey) read a task the cloud confirmed exists. Marks it read, tracking it if
   * the reader's budget allows; false when it is not tracked (its answers are then not recorded).
   */
  read(reader: string, target: string, taskId: string, log: FastifyBaseLogger): boolean {
    if (!this.history.isTracked(target, taskId) && !this.allowNew(reader, target, taskId, log)) return false;
    this.history.markViewed(target, taskId);
    return true;
  }

  private allowNew(reader: string, target: string, taskId: string, log: FastifyBaseLogger): boolean {
    const nowMs = this.history.now();
    const user = this.windowOf(reader, nowMs);
    if (user.addedMs.length >= this.perUser) {
      if (!user.told) {
        user.told = true;
        log.warn(
          { event: 'history.tracking_limited', user: reader, target, task_id: taskId, per_user: this.perUser, window_s: this.windowMs / 1000 },
          'this user started tracking the progress of too many new tasks: further new tasks get no history for a while',
        );
      }
      return false;
    }
    user.addedMs.push(nowMs);
    return true;
  }

  /** The reader's window, with what fell out of it dropped. */
  private windowOf(reader: string, nowMs: number): UserWindow {
    let user = this.users.get(reader);
    if (!user) {
      if (this.users.size >= SWEEP_ABOVE_USERS) this.sweep(nowMs);
      user = { addedMs: [], told: false };
      this.users.set(reader, user);
    }
    const firstKept = user.addedMs.findIndex((atMs) => nowMs - atMs < this.windowMs);
    const drop = firstKept === -1 ? user.addedMs.length : firstKept;
    if (drop > 0) {
      user.addedMs.splice(0, drop);
      user.told = false;
    }
    return user;
  }

  private sweep(nowMs: number): void {
    for (const [reader, user] of this.users) {
      if (user.addedMs.every((atMs) => nowMs - atMs >= this.windowMs)) this.users.delete(reader);
    }
  }
}
