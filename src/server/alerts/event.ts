// What an alert says, whatever the webhook's format: the body of the json format (version 1, the
// README's "Alerts" documents it) and the source of the chat formats' text. Each event has a
// deterministic id, so every instance that sees the same change makes the same event and the
// outbox keeps one (its primary key). Built from finished audit records and from status changes.
import type { AuditOutcome } from '../../api/audit';
import { statusPhase } from '../../dcs/status';
import type { AuditRecord } from '../audit/store';
import type { AlertEventKind } from '../config';
import type { StatusChange } from '../overview/observed';

export const ALERT_SCHEMA_VERSION = 1;

export interface AlertEvent {
  version: typeof ALERT_SCHEMA_VERSION;
  /** Deterministic: the same event seen by several instances, or sent again, has the same id. */
  id: string;
  event: AlertEventKind;
  /** ISO 8601 UTC: when the change was seen, or the audit record finished. */
  occurred_at: string;
  target: string;
  task_id: string;
  task_name: string | null;
  /** The task's status the event is about: the new one (task_failed, stop_terminated), after the stop (watch_fired), before it (stop_failed, watch_failed). */
  status: string | null;
  /** task_failed: the status before; otherwise null. */
  previous_status: string | null;
  /** Who stopped the task or scheduled the watch (the audit trail's display name); null for task_failed. */
  user: string | null;
  reason: string | null;
  /** The audit action behind the event; null for task_failed. */
  action: string | null;
  /** The stop's audit outcome; null for task_failed and watch_failed. */
  outcome: Exclude<AuditOutcome, 'pending'> | null;
  /** The console error code (stop_failed) or the watch's failure code (watch_failed). */
  error_code: string | null;
  upstream_error_code: string | null;
  audit_record_id: string | null;
  /** The task's page in the console (PUBLIC_URL set); null otherwise. */
  link: string | null;
  /** One line for people. */
  summary: string;
}

/** An accepted stop sent through the console, kept until its task is seen TERMINATED. */
export interface RememberedStop {
  target: string;
  task_id: string;
  task_name: string | null;
  audit_record_id: string;
  user: string;
  reason: string | null;
  action: string;
}

/** What a finished audit record means for alerts: events now, and a stop to follow until TERMINATED. */
export interface FromRecord {
  events: AlertEvent[];
  stop: RememberedStop | null;
}

const STOP_ACTIONS: ReadonlySet<string> = new Set(['stop', 'batch-stop', 'caught-up-stop']);
const TERMINATED = 'TERMINATED';
const NOTHING: FromRecord = { events: [], stop: null };

export function fromAuditRecord(record: AuditRecord, publicUrl: URL | null): FromRecord {
  const occurred = record.finished_at ?? record.at;
  const common = {
    version: ALERT_SCHEMA_VERSION,
    occurred_at: occurred,
    target: record.target,
    task_id: record.task_id,
    task_name: record.task_name,
    previous_status: null,
    user: record.user,
    reason: record.reason,
    action: record.action,
    upstream_error_code: record.upstream_error_code,
    audit_record_id: record.id,
    link: taskLink(publicUrl, record.target, record.task_id),
  } as const;
  const name = record.task_name ?? record.task_id;
  if (record.action === 'caught-up-cancel') {
    if (record.outcome !== 'failed') return NOTHING;
    const summary = `Stop-when-caught-up gave up on task ${name}: ${record.error_code ?? 'failed'}`;
    return { events: [{ ...common, id: `watch_failed:${record.id}`, event: 'watch_failed', status: record.status_before, outcome: null, error_code: record.error_code, summary }], stop: null };
  }
  if (!STOP_ACTIONS.has(record.action) || record.outcome === 'pending') return NOTHING;
  if (record.outcome !== 'accepted') {
    const what = record.outcome === 'unknown' ? 'has an unknown outcome (check the task)' : record.outcome === 'refused' ? 'was refused' : 'failed';
    const summary = `Stop of task ${name} by ${record.user} ${what}${record.error_code ? `: ${record.error_code}` : ''}`;
    return { events: [{ ...common, id: `stop_failed:${record.id}`, event: 'stop_failed', status: record.status_before, outcome: record.outcome, error_code: record.error_code, summary }], stop: null };
  }
  const stop: RememberedStop = { target: record.target, task_id: record.task_id, task_name: record.task_name, audit_record_id: record.id, user: record.user, reason: record.reason, action: record.action };
  const events: AlertEvent[] = [];
  if (record.action === 'caught-up-stop') {
    const summary = `Stop-when-caught-up stopped task ${name} (scheduled by ${record.user})`;
    events.push({ ...common, id: `watch_fired:${record.id}`, event: 'watch_fired', status: record.status_after, outcome: 'accepted', error_code: null, summary });
  }
  // A stop answered with TERMINATED has reached it already: no status change will follow.
  if (record.status_after === TERMINATED) return { events: [...events, stopTerminated(stop, occurred, publicUrl)], stop: null };
  return { events, stop };
}

/** task_failed for a change into FAILED or MIGRATION_FAILED (src/dcs/status decides which statuses fail). */
export function taskFailed(change: StatusChange, publicUrl: URL | null): AlertEvent | null {
  if (statusPhase(change.to) !== 'failed' || statusPhase(change.from) === 'failed') return null;
  const name = change.taskName ?? change.taskId;
  return {
    version: ALERT_SCHEMA_VERSION,
    id: `task_failed:${change.target}:${change.taskId}:${change.to}`,
    event: 'task_failed',
    occurred_at: new Date(change.atMs).toISOString(),
    target: change.target,
    task_id: change.taskId,
    task_name: change.taskName,
    status: change.to,
    previous_status: change.from,
    user: null,
    reason: null,
    action: null,
    outcome: null,
    error_code: null,
    upstream_error_code: null,
    audit_record_id: null,
    link: taskLink(publicUrl, change.target, change.taskId),
    summary: `Task ${name} failed: ${change.to}${change.from ? ` (was ${change.from})` : ''}`,
  };
}

/** Whether a change is one a remembered stop waits for. */
export function isTerminated(change: StatusChange): boolean {
  return change.to === TERMINATED;
}

export function stopTerminated(stop: RememberedStop, occurredAt: string, publicUrl: URL | null): AlertEvent {
  return {
    version: ALERT_SCHEMA_VERSION,
    id: `stop_terminated:${stop.audit_record_id}`,
    event: 'stop_terminated',
    occurred_at: occurredAt,
    target: stop.target,
    task_id: stop.task_id,
    task_name: stop.task_name,
    status: TERMINATED,
    previous_status: null,
    user: stop.user,
    reason: stop.reason,
    action: stop.action,
    outcome: 'accepted',
    error_code: null,
    upstream_error_code: null,
    audit_record_id: stop.audit_record_id,
    link: taskLink(publicUrl, stop.target, stop.task_id),
    summary: `Task ${stop.task_name ?? stop.task_id} is TERMINATED after the stop by ${stop.user}`,
  };
}

function taskLink(publicUrl: URL | null, target: string, taskId: string): string | null {
  return publicUrl ? new URL(`/targets/${encodeURIComponent(target)}/tasks/${encodeURIComponent(taskId)}`, publicUrl).href : null;
}
