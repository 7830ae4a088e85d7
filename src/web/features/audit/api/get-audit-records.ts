import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditList } from '../../../../api';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient } from '../../../lib/api-client';
import { auditKeys, RANGE_MS, type AuditListParams } from './query-keys';

/** The query string of `GET /api/audit`; a relative range is turned into `since` now. */
export function auditQuery(params: AuditListParams, now = Date.now()): Record<string, string | number | undefined> {
  const since = params.range ? new Date(now - RANGE_MS[params.range]).toISOString() : params.since;
  return {
    task_id: params.task_id,
    task_name: params.task_name,
    user: params.user,
    target: params.target,
    since,
    until: params.range ? undefined : params.until,
    offset: params.offset,
    limit: params.limit,
  };
}

/** `GET /api/audit`: stop attempts, newest first (operators only: 'audit:read'). */
export function getAuditRecords(params: AuditListParams, signal?: AbortSignal): Promise<AuditList> {
  return apiClient.get<AuditList>('/api/audit', SHAPES.auditList, { signal, query: auditQuery(params) });
}

export function getAuditRecordsQueryOptions(params: AuditListParams) {
  return queryOptions({
    queryKey: auditKeys.list(params),
    queryFn: ({ signal }) => getAuditRecords(params, signal),
    // Keep the previous page while the next loads.
    placeholderData: keepPreviousData,
  });
}

export function useAuditRecords(params: AuditListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getAuditRecordsQueryOptions(params), enabled });
}

/** The last stop attempt on one task (for the task page's "Stopped by X" line). */
export function useLastStop(target: string, taskId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    ...getAuditRecordsQueryOptions({ target, task_id: taskId, offset: 0, limit: 1 }),
    placeholderData: undefined,
    enabled,
  });
}
