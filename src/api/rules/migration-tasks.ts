// Migration-task values the browser needs at run time (no zod here: the browser bundle stays light).
import { TASK_ID_PATTERN } from '../../dcs/ids';
import { INCREMENTAL_SYNC_STATUSES, MIGRATION_TASK_STATUSES } from '../../dcs/status';

export { TASK_ID_PATTERN };
export const TASK_ID_RULE = 'letters, digits and "-" only, 1–64 characters';

export function isTaskId(value: unknown): value is string {
  return typeof value === 'string' && TASK_ID_PATTERN.test(value);
}

export const KNOWN_STATUSES = MIGRATION_TASK_STATUSES;

// INCRMIGEATING (the wire spelling) and INCRMIGRATING (the doc prose) mean the same (dcs-api §4.1:
// accept both): a status filter on either matches both, and the filter offers it once.
/** The statuses a status filter value matches: itself, and its other spelling if it has one. */
export function statusesMatching(filterValue: string): readonly string[] {
  return (INCREMENTAL_SYNC_STATUSES as readonly string[]).includes(filterValue) ? INCREMENTAL_SYNC_STATUSES : [filterValue];
}

/** The status filter's choices: every known status once, INCRMIGEATING standing for both spellings. */
export const FILTER_STATUSES = KNOWN_STATUSES.filter((status) => status !== 'INCRMIGRATING');

/** Fields of a task detail the contract names (the schema is built from the same list: see migration-tasks.test.ts). */
export const MIGRATION_TASK_FIELDS = [
  'task_id', 'task_name', 'description', 'status', 'migration_type', 'migration_method', 'ecs_tenant_private_ip',
  'created_at', 'released_at', 'version', 'resume_mode', 'supported_features', 'backup_files', 'network_type',
  'source_instance', 'target_instance', 'updated_at', 'tenant_vpc_id', 'tenant_subnet_id',
  'tenant_security_group_id', 'bandwidth_limit_mb', 'task_status',
] as const;

export const CONSOLE_INSTANCE_FIELDS = ['id', 'name', 'addrs', 'ip', 'port', 'db', 'proxy_multi_db', 'task_status', 'password_set'] as const;

/**
 * `GET /api/migration-tasks?sort=`: orders applied over the whole upstream list. Without `sort`
 * the cloud's own order is kept (undocumented; newest first in practice) and only a page is read.
 * `changed`: the latest status change first, by the console's own record (console_status_since).
 */
export const LIST_SORTS = ['newest', 'oldest', 'changed', 'name_asc', 'name_desc', 'status'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** `POST /api/migration-tasks/batch-stop` takes at most this many task ids. */
export const BATCH_STOP_MAX = 50;

/** Levels of `GET /api/migration-tasks/{id}/logs?level=`. */
export const LOG_LEVELS = ['INFO', 'ERROR'] as const;
