/**
 * The root of every audit query's key. The audit feature keys its reads under it
 * (features/audit/api/query-keys.ts); whatever the console records in the audit trail (a stop, a
 * batch stop, a stop-when-caught-up watch) invalidates it once settled.
 */
export const AUDIT_QUERY_ROOT = ['audit'] as const;
