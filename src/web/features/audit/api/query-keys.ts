import { AUDIT_QUERY_ROOT } from '../../../lib/audit-query-key';

/** A time window relative to the moment of the request (the "last hour" presets). */
export const AUDIT_RANGES = ['1h', '24h', '7d'] as const;
export type AuditRange = (typeof AUDIT_RANGES)[number];

export const RANGE_MS: Record<AuditRange, number> = {
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

/** What the page asks `GET /api/audit` for. `range` becomes `since` when the request is sent. */
export interface AuditListParams {
  offset: number;
  limit: number;
  task_id?: string;
  /** The first letters of the task name, any case. */
  task_name?: string;
  /** A display name or a subject, exactly. */
  user?: string;
  target?: string;
  /** ISO 8601 UTC, inclusive. */
  since?: string;
  /** ISO 8601 UTC, exclusive. */
  until?: string;
  range?: AuditRange;
}

export const auditKeys = {
  all: AUDIT_QUERY_ROOT,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (params: AuditListParams) => [...auditKeys.lists(), params] as const,
};
