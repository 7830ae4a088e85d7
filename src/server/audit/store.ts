// The audit trail's storage, and the port (AuditTrail) that stops and watches write through.
// Everything else talks to these interfaces, so a PostgreSQL store (several console instances
// behind a load balancer) can replace the embedded SQLite one without touching the routes. Every
// method resolves only once the change is durable: a stop is answered after its record is committed.
import type { AuditAction, AuditOutcome, AuditQuery } from '../../api/audit';
import type { CaughtUpAuditAction } from '../../api/rules/caught-up';

/** What is known when a stop attempt begins, before the cloud is called. */
export interface AuditAttempt {
  /** The display name, as the records show it. */
  user: string;
  /** Who the user is, stably (principal.subject): two people may share a display name. */
  subject?: string | null;
  target: string;
  task_id: string;
  task_name: string | null;
  status_before: string | null;
  reason: string | null;
  action: AuditAction | CaughtUpAuditAction;
  batch_id: string | null;
  /** The console request id. */
  request_id: string;
}

/** How an attempt ended. */
export interface AuditResult {
  id: string;
  outcome: Exclude<AuditOutcome, 'pending'>;
  status_after: string | null;
  error_code: string | null;
  upstream_error_code: string | null;
  upstream_request_id: string | null;
}

export interface AuditRecord extends Omit<AuditAttempt, 'subject'>, Omit<AuditResult, 'outcome'> {
  /** AuditAttempt.subject as stored; null in records written before subjects were. */
  user_subject: string | null;
  /** When the attempt began, ISO 8601 UTC. */
  at: string;
  outcome: AuditOutcome;
  finished_at: string | null;
}

/** Filters (AND) and paging; `since` inclusive, `until` exclusive, both ISO 8601 UTC. */
export type AuditFilter = AuditQuery;

export interface AuditPage {
  count: number;
  /** Newest first. */
  records: AuditRecord[];
}

/**
 * The port the stop use case (migration-tasks/stop-task.ts) and the stop-when-caught-up watcher
 * write through: an attempt is begun before the cloud is called, its outcome finished after.
 */
export interface AuditTrail {
  /**
   * Records attempts as `pending`, all in one transaction, and returns them with their ids.
   * Called before the cloud is; if it fails, the stop must not be sent.
   */
  begin(attempts: readonly AuditAttempt[]): Promise<AuditRecord[]>;
  /** Records outcomes, all in one transaction; each id must be pending. Returns the final records. */
  finish(results: readonly AuditResult[]): Promise<AuditRecord[]>;
}

export interface AuditStore extends AuditTrail {
  list(filter: AuditFilter): Promise<AuditPage>;
  /** Where it lives, for /readyz. */
  readonly dialect: 'sqlite' | 'postgres';
  /** A trivial query (/readyz): rejects when the store does not answer within `timeoutMs`. */
  probe(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
