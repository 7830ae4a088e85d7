// Stop-when-caught-up watches: scheduled and cancelled by the routes, polled by one ticker (every
// tickMs it polls the watches that are due, each at most one poll at a time), stopped through the
// stop use case (migration-tasks/stop-task.ts, audited) as the operator who scheduled them. Every
// change is written to the watch store first, so a restarted console resumes the waiting watches
// (their count starts again: the console did not see the task meanwhile).
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { CaughtUpWatch } from '../../api/caught-up';
import { CAUGHT_UP_CONSOLE_ACTOR, CAUGHT_UP_MAX_ACTIVE_WATCHES } from '../../api/rules/caught-up';
import type { MigrationTask } from '../../api/migration-tasks';
import type { AuditRecord, AuditTrail } from '../audit/store';
import type { ApiHttpError } from '../errors';
import type { ProgressHistory } from '../history/progress-history';
import { stopTask } from '../migration-tasks/stop-task';
import type { TargetRegistry } from '../targets/registry';
import { recordWatchEvent } from './audit-events';
import { asApiError, watchError } from './errors';
import { newWatch, type ScheduleInput } from './new-watch';
import { afterPoll, failed, type Observation } from './transitions';
import type { WatchStore } from './watch-store';

export interface WatcherDeps {
  targets: TargetRegistry;
  audit: AuditTrail;
  history: ProgressHistory;
  store: WatchStore;
  log: FastifyBaseLogger;
  now: () => number;
  /** How often due watches are looked for; 0: never by itself (tests call pollDue()). */
  tickMs: number;
}

const key = (target: string, taskId: string) => `${target}\u0000${taskId}`;

export class CaughtUpWatcher {
  private readonly active = new Map<string, CaughtUpWatch>();
  private readonly polling = new Map<string, Promise<void>>();
  /** Watches whose cancel is being recorded: a poll that ends meanwhile must not stop the task. */
  private readonly cancelling = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: WatcherDeps) {}

  /** Resumes the watches of the store; one caught mid-stop by the last shutdown is failed. */
  async start(): Promise<void> {
    for (const stored of this.deps.store.active()) {
      if (stored.state === 'stopping') {
        const message = 'The console ended while this stop was being sent; check the task status and the audit trail.';
        await this.giveUp(failed(stored, 'CONSOLE_RESTARTED', message, this.iso()).watch);
        continue;
      }
      const resumed = { ...stored, polls_in_a_row: 0, next_poll_at: this.iso() };
      this.deps.store.save(resumed);
      this.active.set(key(resumed.target, resumed.task_id), resumed);
    }
    if (this.deps.tickMs > 0) {
      this.timer = setInterval(() => void this.pollDue(), this.deps.tickMs);
      this.timer.unref();
    }
  }

  async schedule(input: ScheduleInput): Promise<CaughtUpWatch> {
    const k = key(input.target, input.taskId);
    this.refuseIfActive(k);
    if (this.active.size >= CAUGHT_UP_MAX_ACTIVE_WATCHES) {
      throw watchError(503, 'CAUGHT_UP_WATCH_LIMIT', `${CAUGHT_UP_MAX_ACTIVE_WATCHES} watches are already waiting; cancel one or try later.`);
    }
    let task: MigrationTask;
    try {
      task = await this.deps.targets.service(input.target).get(input.taskId, { fresh: true });
    } catch (error) {
      throw asApiError(error, 'get');
    }
    this.refuseIfActive(k); // another request may have scheduled it meanwhile
    const watch = newWatch(input, task, this.iso());
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
    this.deps.store.save(watch);
    this.active.set(k, watch);
    return watch;
  }

  async cancel(target: string, taskId: string, by: { name: string; subject: string }, requestId: string): Promise<CaughtUpWatch> {
    const watch = this.get(target, taskId);
    if (!watch) throw watchError(404, 'CAUGHT_UP_WATCH_NOT_FOUND', 'No stop-when-caught-up watch was set for this task.');
    if (watch.state !== 'waiting') {
      const why = watch.state === 'stopping' ? 'its stop is already being sent' : `it has already ended (${watch.state})`;
      throw watchError(409, 'CAUGHT_UP_WATCH_FINISHED', `This watch can no longer be cancelled: ${why}.`);
    }
    this.cancelling.add(watch.id);
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
    } finally {
      this.cancelling.delete(watch.id);
    }
    const current = this.active.get(key(target, taskId)) ?? watch; // a poll may have failed it meanwhile
    if (current.state !== 'waiting') return current;
    const cancelled: CaughtUpWatch = { ...current, state: 'cancelled', cancelled_by: by.name, finished_at: this.iso(), next_poll_at: null };
    this.settle(cancelled);
    return cancelled;
  }

  /** The task's active watch, else its latest finished one. */
  get(target: string, taskId: string): CaughtUpWatch | null {
    return this.active.get(key(target, taskId)) ?? this.deps.store.latest(target, taskId);
  }

  list(target: string): CaughtUpWatch[] {
    return [...this.active.values()].filter((w) => w.target === target).sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  /** Polls every waiting watch that is due and not being polled; resolves when those polls end. */
  pollDue(): Promise<void> {
    if (this.closed) return Promise.resolve();
    // Half a tick early rather than a whole tick late: polls keep to poll_interval_s on average.
    const now = this.deps.now() + this.deps.tickMs / 2;
    const started: Promise<void>[] = [];
    for (const watch of this.active.values()) {
      if (watch.state !== 'waiting' || this.polling.has(watch.id) || Date.parse(watch.next_poll_at ?? '') > now) continue;
      const poll = this.poll(watch).finally(() => this.polling.delete(watch.id));
      this.polling.set(watch.id, poll);
      started.push(poll);
    }
    return Promise.all(started).then(() => undefined);
  }

  /** No new polls; waits for those in flight (a stop being sent is finished and recorded). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.polling.values());
  }

  private async poll(watch: CaughtUpWatch): Promise<void> {
    const seen = await this.observe(watch);
    const current = this.active.get(key(watch.target, watch.task_id));
    if (current?.id !== watch.id || current.state !== 'waiting' || this.cancelling.has(watch.id)) return; // cancelled meanwhile
    const next = afterPoll(current, seen, this.deps.now());
    if (next.outcome === 'failed') return this.giveUp(next.watch);
    this.deps.store.save(next.watch);
    this.active.set(key(watch.target, watch.task_id), next.watch);
    if (next.outcome === 'stop') await this.stop(next.watch);
  }

  private async observe(watch: CaughtUpWatch): Promise<Observation> {
    try {
      const service = this.deps.targets.service(watch.target);
      const task = await service.get(watch.task_id, { fresh: true });
      const stats = await service.stats(watch.task_id);
      this.deps.history.recordTask(watch.target, watch.task_id, task);
      this.deps.history.recordStats(watch.target, watch.task_id, stats);
      const offset = Number(stats.offset ?? Number.NaN);
      return { kind: 'read', status: task.status ?? null, offset: stats.offset !== '' && Number.isFinite(offset) ? offset : null };
    } catch (error) {
      const apiError = asApiError(error, 'stats');
      if (apiError.code === 'INTERNAL') this.deps.log.error({ event: 'caught_up.poll_failed', watch_id: watch.id, err: error }, 'a stop-when-caught-up poll failed');
      return { kind: 'error', code: apiError.code, message: apiError.message };
    }
  }

  /** Through the same audited stop use case as POST …/stop, as the operator who scheduled the watch. */
  private async stop(watch: CaughtUpWatch): Promise<void> {
    let record: AuditRecord | undefined;
    const requestId = randomUUID();
    this.deps.log.info({ event: 'caught_up.stop', watch_id: watch.id, task_id: watch.task_id, request_id: requestId }, 'the task caught up: stopping it');
    let error: ApiHttpError | null = null;
    try {
      await stopTask(
        {
          audit: this.deps.audit,
          service: this.deps.targets.service(watch.target),
          log: this.deps.log,
          user: watch.created_by,
          subject: watch.created_by_subject ?? watch.created_by,
          target: watch.target,
          requestId,
          reason: watch.reason,
          action: 'caught-up-stop',
          recorded: (r) => (record = r),
        },
        watch.task_id,
      );
    } catch (thrown) {
      error = asApiError(thrown, 'stop');
    }
    const at = this.iso();
    const stop = record
      ? { audit_record_id: record.id, at: record.at, outcome: record.outcome, status_after: record.status_after, error_code: record.error_code }
      : null;
    if (!error) return this.settle({ ...watch, state: 'done', stop, finished_at: at });
    await this.giveUp(failed({ ...watch, stop }, 'STOP_FAILED', error.message, at).watch, false);
  }

  /** Ends a watch that failed; recorded as a cancel by the console unless its stop already was. */
  private async giveUp(watch: CaughtUpWatch, audit = true): Promise<void> {
    this.settle(watch);
    if (!audit) return;
    try {
      await recordWatchEvent(this.deps.audit, this.deps.log, {
        action: 'caught-up-cancel',
        user: CAUGHT_UP_CONSOLE_ACTOR,
        subject: CAUGHT_UP_CONSOLE_ACTOR,
        target: watch.target,
        task_id: watch.task_id,
        task_name: null,
        status_before: watch.last_poll?.status ?? null,
        reason: watch.reason,
        request_id: randomUUID(),
        outcome: 'failed',
        error_code: watch.failure_code,
      });
    } catch {
      // recordWatchEvent logged it; the watch has ended either way.
    }
  }

  private settle(watch: CaughtUpWatch): void {
    this.deps.store.save(watch);
    this.active.delete(key(watch.target, watch.task_id));
  }

  private refuseIfActive(k: string): void {
    const existing = this.active.get(k);
    if (existing) throw watchError(409, 'CAUGHT_UP_WATCH_EXISTS', `A stop-when-caught-up watch (${existing.state}) is already set for this task by ${existing.created_by}; cancel it first.`);
  }

  private iso(): string {
    return new Date(this.deps.now()).toISOString();
  }
}
