// Stop-when-caught-up watches: scheduled and cancelled by the routes, polled by one ticker (every
// tickMs it polls the watches that are due, each at most one poll at a time), stopped through the
// stop use case as the operator who scheduled them (watch-poller.ts). The watch store is the one
// truth: several instances on one database see, cancel and run the same watches, each watch polled
// by the instance holding its lease (lease.ts). Whoever takes a watch from another holder, or from
// none (after a restart), counts again from 0: it did not see the task meanwhile.
import { randomUUID } from 'node:crypto';
import type { CaughtUpWatch } from '../../api/caught-up';
import { CAUGHT_UP_ACTIVE_STATES, CAUGHT_UP_MAX_ACTIVE_WATCHES } from '../../api/rules/caught-up';
import type { MigrationTask } from '../../api/migration-tasks';
import { recordWatchEvent } from './audit-events';
import { asApiError, watchError } from './errors';
import { pollLease } from './lease';
import { newWatch, type ScheduleInput } from './new-watch';
import { WatchPoller, type PollerDeps } from './watch-poller';
import type { Available } from './watch-store';

export interface WatcherDeps extends Omit<PollerDeps, 'instanceId' | 'recording'> {
  /** lease_owner of this instance; default a random UUID, new with every process. */
  instanceId?: string;
}

/** Later than any next_poll_at: start() takes every watch it may, due or not. */
const ANY_TIME = '9999-12-31T23:59:59.999Z';

export class CaughtUpWatcher {
  readonly instanceId: string;
  private readonly polling = new Map<string, Promise<void>>();
  /** Watches whose schedule or cancel is being recorded in the audit trail: no poll acts on them meanwhile. */
  private readonly recording = new Set<string>();
  private readonly poller: WatchPoller;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private halted = false;

  constructor(private readonly deps: WatcherDeps) {
    this.instanceId = deps.instanceId ?? randomUUID();
    this.poller = new WatchPoller({ ...deps, instanceId: this.instanceId, recording: this.recording });
  }

  /** Takes the watches no live instance holds (their count starts again) and starts the ticker. */
  async start(): Promise<void> {
    await this.deps.store.ready();
    await this.run(ANY_TIME, false);
    if (this.deps.tickMs > 0) {
      this.timer = setInterval(() => void this.pollDue().catch((error: unknown) => this.deps.log.error({ event: 'caught_up.tick_failed', err: error }, 'looking for due watches failed')), this.deps.tickMs);
      this.timer.unref();
    }
  }

  async schedule(input: ScheduleInput): Promise<CaughtUpWatch> {
    await this.refuseIfActive(input.target, input.taskId);
    if ((await this.deps.store.countActive()) >= CAUGHT_UP_MAX_ACTIVE_WATCHES) {
      throw watchError(503, 'CAUGHT_UP_WATCH_LIMIT', `${CAUGHT_UP_MAX_ACTIVE_WATCHES} watches are already waiting; cancel one or try later.`);
    }
    let task: MigrationTask;
    try {
      task = await this.deps.targets.service(input.target).get(input.taskId, { fresh: true });
    } catch (error) {
      throw asApiError(error, 'get');
    }
    const watch = newWatch(input, task, this.iso());
    this.recording.add(watch.id);
    try {
      // The database refuses a second active watch of the task, whichever instance set the first.
      if (!(await this.deps.store.insert(watch, pollLease(this.instanceId, watch, this.deps.now(), this.deps.tickMs)))) {
        await this.refuseIfActive(input.target, input.taskId);
        throw watchError(409, 'CAUGHT_UP_WATCH_EXISTS', 'A stop-when-caught-up watch was set for this task meanwhile; cancel it first.');
      }
      try {
        await recordWatchEvent(this.deps.audit, this.deps.log, {
          action: 'caught-up-schedule',
          user: input.user,
          subject: input.subject,
          target: input.target,
          task_id: input.taskId,
          task_name: task.task_name ?? null,
          status_before: task.status ?? null,
          reason: watch.reason,
          request_id: input.requestId,
          outcome: 'accepted',
          error_code: null,
        });
      } catch (error) {
        await this.deps.store.remove(watch.id); // not recorded: not set
        throw error;
      }
    } finally {
      this.recording.delete(watch.id);
    }
    return watch;
  }

  async cancel(target: string, taskId: string, by: { name: string; subject: string }, requestId: string): Promise<CaughtUpWatch> {
    const watch = await this.deps.store.latest(target, taskId);
    if (!watch) throw watchError(404, 'CAUGHT_UP_WATCH_NOT_FOUND', 'No stop-when-caught-up watch was set for this task.');
    if (watch.state !== 'waiting') {
      const why = watch.state === 'stopping' ? 'its stop is already being sent' : `it has already ended (${watch.state})`;
      throw watchError(409, 'CAUGHT_UP_WATCH_FINISHED', `This watch can no longer be cancelled: ${why}.`);
    }
    this.recording.add(watch.id);
    try {
      await recordWatchEvent(this.deps.audit, this.deps.log, {
        action: 'caught-up-cancel',
        user: by.name,
        subject: by.subject,
        target,
        task_id: taskId,
        task_name: null,
        status_before: watch.last_poll?.status ?? null,
        reason: null,
        request_id: requestId,
        outcome: 'accepted',
        error_code: null,
      });
      const current = (await this.deps.store.latest(target, taskId)) ?? watch; // a poll may have moved it meanwhile
      if (current.id !== watch.id || current.state !== 'waiting') return current;
      const cancelled: CaughtUpWatch = { ...current, state: 'cancelled', cancelled_by: by.name, finished_at: this.iso(), next_poll_at: null };
      // Whoever holds the lease: a cancel is anyone's; against a stop it wins only if it changes the row first.
      if (await this.deps.store.transition(cancelled, { state: 'waiting' }, null)) return cancelled;
      return (await this.deps.store.latest(target, taskId)) ?? cancelled;
    } finally {
      this.recording.delete(watch.id);
    }
  }

  /** The task's active watch, else its latest finished one. */
  get(target: string, taskId: string): Promise<CaughtUpWatch | null> {
    return this.deps.store.latest(target, taskId);
  }

  /** The target's active watches, whichever instance runs them, oldest first. */
  list(target: string): Promise<CaughtUpWatch[]> {
    return this.deps.store.active(target);
  }

  /** Polls every watch due that this instance holds or may take and is not polling; resolves when those polls end. */
  pollDue(): Promise<void> {
    if (this.closed) return Promise.resolve();
    // Half a tick early rather than a whole tick late: polls keep to poll_interval_s on average.
    return this.run(new Date(this.deps.now() + this.deps.tickMs / 2).toISOString(), true);
  }

  /** No new polls; waits for those in flight (a stop being sent is finished and recorded); frees its leases. */
  async close(): Promise<void> {
    this.stopTicking();
    await Promise.all(this.polling.values());
    if (!this.halted) await this.deps.store.release(this.instanceId);
  }

  /** Stops at once and keeps its leases, as a killed process leaves them (tests of the takeover). */
  halt(): void {
    this.halted = true;
    this.stopTicking();
  }

  private async run(dueBy: string, poll: boolean): Promise<void> {
    const available = await this.deps.store.available(this.instanceId, this.iso(), dueBy);
    const started: Promise<void>[] = [];
    for (const candidate of available) {
      const { id } = candidate.watch;
      if (this.closed || this.polling.has(id) || this.recording.has(id)) continue;
      // Marked before the first await: a tick that overlaps this one skips the watch.
      const work = this.take(candidate, poll).finally(() => this.polling.delete(id));
      this.polling.set(id, work);
      started.push(work);
    }
    await Promise.all(started);
  }

  /** Takes (or renews) the watch's lease, then polls it; a stop whose sender died is failed instead. */
  private async take({ watch, leaseOwner }: Available, poll: boolean): Promise<void> {
    if (watch.state === 'stopping') return this.poller.failAbandonedStop(watch);
    const nowMs = this.deps.now();
    const mine = leaseOwner === this.instanceId ? watch : { ...watch, polls_in_a_row: 0, next_poll_at: this.iso() };
    if (!(await this.deps.store.claim(mine, pollLease(this.instanceId, mine, nowMs, this.deps.tickMs), this.iso()))) return;
    if (poll && !this.closed) await this.poller.poll(mine);
  }

  private async refuseIfActive(target: string, taskId: string): Promise<void> {
    const existing = await this.deps.store.latest(target, taskId);
    if (existing && (CAUGHT_UP_ACTIVE_STATES as readonly string[]).includes(existing.state)) {
      throw watchError(409, 'CAUGHT_UP_WATCH_EXISTS', `A stop-when-caught-up watch (${existing.state}) is already set for this task by ${existing.created_by}; cancel it first.`);
    }
  }

  private stopTicking(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private iso(): string {
    return new Date(this.deps.now()).toISOString();
  }
}
