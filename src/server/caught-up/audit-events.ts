// Audit records of a watch that are not stops: scheduled, cancelled, given up. One record each,
// begun and finished in two commits like every other record, and logged as `{ event: 'audit' }`.
import type { FastifyBaseLogger } from 'fastify';
import type { CaughtUpAuditAction } from '../../api/rules/caught-up';
import type { AuditAttempt, AuditRecord, AuditTrail } from '../audit/store';
import { ApiHttpError } from '../errors';

export interface WatchEvent extends Omit<AuditAttempt, 'action' | 'batch_id'> {
  action: Exclude<CaughtUpAuditAction, 'caught-up-stop'>;
  /** accepted: it was done; failed: the watch gave up (error_code says why). */
  outcome: 'accepted' | 'failed';
  error_code: string | null;
}

/** Throws ApiHttpError 500 INTERNAL when the record cannot be written: the caller must not act. */
export async function recordWatchEvent(audit: AuditTrail, log: FastifyBaseLogger, event: WatchEvent): Promise<AuditRecord> {
  const { outcome, error_code, ...attempt } = event;
  try {
    const [pending] = await audit.begin([{ ...attempt, batch_id: null }]);
    const [record] = await audit.finish([{ id: pending!.id, outcome, error_code, status_after: null, upstream_error_code: null, upstream_request_id: null }]);
    log.info({ event: 'audit', ...record }, `audit: ${record!.action} ${record!.task_id} ${record!.outcome}`);
    return record!;
  } catch (error) {
    log.error({ event: 'audit.write_failed', err: error, attempt }, 'a stop-when-caught-up event could not be written to the audit trail');
    throw new ApiHttpError(500, 'INTERNAL', 'The console could not write the audit record, so it did not change the watch. An administrator must check the audit database.');
  }
}
