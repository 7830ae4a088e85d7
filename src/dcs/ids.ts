// Identifier rules for DCS paths. Task ids are opaque (UUIDs and 32-hex both occur), so we only
// insist on characters that can never need escaping in a path segment, and a sane length.
export const TASK_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
export const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;

export function isValidTaskId(id: unknown): id is string {
  return typeof id === 'string' && TASK_ID_PATTERN.test(id);
}

/** Upstream list paging limits (ListMigrationTask): limit 1–1000, default 10. */
export const LIST_LIMIT_MIN = 1;
export const LIST_LIMIT_MAX = 1000;
export const LIST_LIMIT_DEFAULT = 10;
