// Audit records as `GET /api/audit` returns them: one of each outcome, at times relative to the
// start of the test so "2 minutes ago" and the "last hour" filter are stable.
import type { AuditRecord } from '../../../api';
import { ids } from './data';
import { ids2, TARGET_1, TARGET_2 } from './targets';

const MINUTE = 60_000;

function record(overrides: Partial<AuditRecord> & Pick<AuditRecord, 'id' | 'at' | 'outcome'>): AuditRecord {
  return {
    user: 'oncall.operator',
    user_subject: auditSubjects.oncall,
    target: TARGET_1,
    task_id: ids.terminated,
    task_name: 'mig-legacy-queue',
    status_before: 'INCRMIGEATING',
    reason: null,
    action: 'stop',
    batch_id: null,
    status_after: null,
    error_code: null,
    upstream_error_code: null,
    upstream_request_id: null,
    request_id: `req-${overrides.id}`,
    finished_at: overrides.at,
    ...overrides,
  };
}

/**
 * Who made the attempts, stably (oidc: issuer|sub). Two different people are called "alice.ops":
 * only their subjects tell them apart.
 */
export const auditSubjects = {
  oncall: 'https://idp.example/realms/ops|8c1f2b7e-5a1d-4c3e-9f00-1b2c3d4e5f60',
  alice: 'https://idp.example/realms/ops|a11ce001-0000-4000-8000-00000000a1a1',
  otherAlice: 'https://idp.example/realms/ops|a11ce002-0000-4000-8000-00000000b2b2',
} as const;

export const auditIds = {
  accepted: 'a1000000-0000-4000-8000-000000000001',
  refused: 'a2000000-0000-4000-8000-000000000002',
  unknown: 'a3000000-0000-4000-8000-000000000003',
  failed: 'a4000000-0000-4000-8000-000000000004',
  pending: 'a5000000-0000-4000-8000-000000000005',
} as const;

/**
 * Newest first: accepted (2 min ago), refused (30 min), unknown (3 h), failed (2 days), pending (10 days).
 * Refused and unknown are by two different "alice.ops" (subjects `alice` and `otherAlice`); failed
 * has no subject (an older record) and pending's subject is its name (proxy mode).
 */
export function buildAuditRecords(now = Date.now()): AuditRecord[] {
  const ago = (minutes: number) => new Date(now - minutes * MINUTE).toISOString();
  return [
    record({
      id: auditIds.accepted,
      at: ago(2),
      outcome: 'accepted',
      status_after: 'TERMINATING',
      reason: 'Cut-over finished; source decommissioned',
      upstream_request_id: 'up-req-accepted-1',
    }),
    record({
      id: auditIds.refused,
      at: ago(30),
      user: 'alice.ops',
      user_subject: auditSubjects.alice,
      outcome: 'refused',
      status_before: 'TERMINATED',
      reason: 'Double-check before the weekend',
      error_code: 'STOP_NOT_ALLOWED',
      upstream_error_code: 'DCS.4957',
      upstream_request_id: 'up-req-4957',
    }),
    record({
      id: auditIds.unknown,
      at: ago(180),
      user: 'alice.ops',
      user_subject: auditSubjects.otherAlice,
      task_id: ids.full,
      task_name: 'mig-session-store',
      status_before: 'FULLMIGRATING',
      outcome: 'unknown',
      error_code: 'UPSTREAM_TIMEOUT',
    }),
    record({
      id: auditIds.failed,
      at: ago(2 * 24 * 60),
      // An older record, from before subjects were kept.
      user_subject: null,
      target: TARGET_2,
      task_id: ids2.archive,
      task_name: 'mig-eu-archive',
      status_before: 'INCRMIGEATING',
      outcome: 'failed',
      error_code: 'UPSTREAM_ERROR',
      upstream_error_code: 'DCS.5000',
      upstream_request_id: 'up-req-5000',
    }),
    record({
      id: auditIds.pending,
      at: ago(10 * 24 * 60),
      // Proxy mode: the subject is the user header, which is the name too.
      user_subject: 'oncall.operator',
      task_id: ids.succeeded,
      task_name: null,
      status_before: null,
      outcome: 'pending',
      action: 'batch-stop',
      batch_id: 'batch-1',
      finished_at: null,
    }),
  ];
}
