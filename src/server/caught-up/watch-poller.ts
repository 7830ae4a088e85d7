// One poll of a watch this instance holds, through to its stop: reads the task, moves the watch on
// as transitions.ts says, and writes it back with a conditional update held to this instance's
// lease. The move waiting → stopping is one such update, so of every instance that saw the task
// caught up exactly one changes the row, and only that one sends the stop (through the audited stop
// use case, migration-tasks/stop-task.ts, as the operator who scheduled the watch).
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { CaughtUpWatch } from '../../api/caught-up';
import { CAUGHT_UP_CONSOLE_ACTOR } from '../../api/rules/caught-up';
import type { AuditRecord, AuditTrail } from '../audit/store';
import type { ApiHttpError } from '../errors';
import type { ProgressHistory } from '../history/progress-history';
import { stopTask } from '../migration-tasks/stop-task';
import type { TargetRegistry } from '../targets/registry';
import { recordWatchEvent } from './audit-events';
import { asApiError } from './errors';
import { pollLease, stoppingLease } from './lease';
import { afterPoll, failed, type Observation } from './transitions';
import type { Expected, WatchStore } from './watch-store';

export interface PollerDeps {
  targets: TargetRegistry;
  audit: AuditTrail;
  history: ProgressHistory;
  store: WatchStore;
  log: FastifyBaseLogger;
  now: () => number;
  /** How often due watches are looked for; 0: never by itself (tests call pollDue()). */
  tickMs: number;
  /** lease_owner of this instance. */
  instanceId: string;
  /** Watches whose schedule or cancel is being recorded: a poll that ends meanwhile must not act. */
  recording: ReadonlySet<string>;
}

export class WatchPoller {
  constructor(private readonly deps: PollerDeps) {}

  async poll(watch: CaughtUpWatch): Promise<void> {
    const seen = await this.observe(watch);
    if (this.deps.recording.has(watch.id)) return;
    const nowMs = this.deps.now();
    const next = afterPoll(watch, seen, nowMs);
    const held: Expected = { state: 'waiting', owner: this.deps.instanceId };
    if (next.outcome === 'failed') return this.giveUp(next.watch, held);
    if (next.outcome === 'continue') {
      // Not written: cancelled or taken over meanwhile; the poll is dropped.
      await this.deps.store.transition(next.watch, held, pollLease(this.deps.instanceId, next.watch, nowMs, this.deps.tickMs));
      return;
    }
    if (await this.deps.store.transition(next.watch, held, stoppingLease(this.deps.instanceId, nowMs))) await this.stop(next.watch);
  }

  /** A watch left stopping by an instance that died while sending its stop: failed, once cluster-wide. */
  async failAbandonedStop(watch: CaughtUpWatch): Promise<void> {
    const at = new Date(this.deps.now()).toISOString();
    const message = 'The console ended while this stop was being sent; check the task status and the audit trail.';
    await this.giveUp(failed(watch, 'CONSOLE_RESTARTED', message, at).watch, { state: 'stopping', leaseExpiredAt: at });
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
    const at = new Date(this.deps.now()).toISOString();
    const stop = record
      ? { audit_record_id: record.id, at: record.at, outcome: record.outcome, status_after: record.status_after, error_code: record.error_code }
      : null;
    const sending: Expected = { state: 'stopping', owner: this.deps.instanceId };
    const settled = error
      ? failed({ ...watch, stop }, 'STOP_FAILED', error.message, at).watch
      : { ...watch, state: 'done' as const, stop, finished_at: at };
    if (!(await this.deps.store.transition(settled, sending, null))) {
      this.deps.log.warn({ event: 'caught_up.settle_lost', watch_id: watch.id }, 'the stop outlasted its lease and another instance ended the watch; the audit trail holds the stop');
    }
  }

  /** Ends a watch that failed, if it is still as `expected`; recorded as a cancel by the console. */
  private async giveUp(watch: CaughtUpWatch, expected: Expected): Promise<void> {
    if (!(await this.deps.store.transition(watch, expected, null))) return;
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
}
