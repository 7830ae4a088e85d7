// What the browser may see of migration tasks: DCS field names kept, passwords removed
// (an instance says only whether a password is set). Objects are loose: unknown fields from the
// cloud pass through and the UI shows them raw.
import { z } from 'zod';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, LIST_LIMIT_MIN } from '../dcs/ids';
import { LIST_SORTS, TASK_ID_PATTERN, TASK_ID_RULE } from './rules/migration-tasks';
import { targetIdSchema } from './targets';
import { refuseInvisible } from './text';

export * from './rules/migration-tasks';

const text = z.string().nullish();
const numberish = z.union([z.string(), z.number()]).nullish();

export const taskIdSchema = z.string().regex(TASK_ID_PATTERN, TASK_ID_RULE);

export const consoleInstanceSchema = z.looseObject({
  id: text,
  name: text,
  addrs: text,
  ip: text,
  port: text,
  db: text,
  proxy_multi_db: z.boolean().nullish(),
  task_status: text,
  /** True when the cloud holds a password for this side; the password itself never leaves the server. */
  password_set: z.boolean().optional(),
});

export const backupFileSchema = z.looseObject({ file_name: text, size: numberish, update_at: text });

export const backupFilesSchema = z.looseObject({
  file_source: text,
  bucket_name: text,
  backup_id: text,
  files: z.array(backupFileSchema).nullish(),
});

const commonTaskFields = {
  task_id: z.string(),
  task_name: text,
  description: text,
  status: text, // open: unknown statuses are shown raw
  migration_type: text,
  migration_method: text,
  ecs_tenant_private_ip: text,
  created_at: text,
  released_at: text,
  version: text,
  resume_mode: text,
  supported_features: z.array(z.string()).nullish(),
};

export const migrationTaskSummarySchema = z.looseObject({
  ...commonTaskFields,
  data_source: text,
  source_instance_name: text,
  source_instance_id: text,
  target_instance_addrs: text,
  target_instance_name: text,
  target_instance_id: text,
  source_instance_status: text,
  target_instance_status: text,
  source_instance_subnet_id: text,
  target_instance_subnet_id: text,
  source_instance_spec_code: text,
  target_instance_spec_code: text,
  error_message: text,
  /**
   * Added by the console, not the cloud: since when the task has had its status, by the console's
   * own record of the statuses it read (ISO-8601; null: not read in this status yet), and whether it
   * saw the task change into it (false: the time is the first read, the change was earlier).
   */
  console_status_since: z.string().nullable().optional(),
  console_status_change_seen: z.boolean().optional(),
});

export const migrationTaskSchema = z.looseObject({
  ...commonTaskFields,
  backup_files: backupFilesSchema.nullish(),
  network_type: text,
  source_instance: consoleInstanceSchema.nullish(),
  target_instance: consoleInstanceSchema.nullish(),
  updated_at: text,
  tenant_vpc_id: text,
  tenant_subnet_id: text,
  tenant_security_group_id: text,
  bandwidth_limit_mb: numberish,
  task_status: text,
});

export const migrationTaskListSchema = z.object({
  count: z.number().int().nonnegative(),
  tasks: z.array(migrationTaskSummarySchema),
  /**
   * With a `status` filter only: the upstream list is longer than the console scans (100 pages of
   * 1000 tasks), so `count` and `tasks` cover only its first 100,000 tasks. Also sent as the
   * header `x-dcs-list-truncated: true`.
   */
  truncated: z.boolean().optional(),
});

export const migrationTaskStatsSchema = z.looseObject({
  full_migration_progress: numberish,
  offset: numberish,
  source_dbsize: numberish,
  target_dbsize: numberish,
  target_input_kbps: numberish,
  target_ops: numberish,
  is_migrating: z.boolean().nullish(),
});

/** Query of the single-task routes: only which target. */
export const taskQuerySchema = z.object({ target: targetIdSchema.optional() });

/**
 * `GET /api/migration-tasks` query. `status` filters on the console side (the cloud cannot); `name`
 * goes to the cloud, so an invisible or control character in it is refused first.
 */
export const listQuerySchema = z.object({
  target: targetIdSchema.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(LIST_LIMIT_MIN).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  name: z.string().max(128).superRefine(refuseInvisible()).optional(),
  status: z
    .string()
    .regex(/^[A-Z_]{1,32}(,[A-Z_]{1,32}){0,15}$/, 'comma-separated upper-case status values')
    .optional(),
  sort: z.enum(LIST_SORTS).optional(),
});

export type ConsoleInstance = z.infer<typeof consoleInstanceSchema>;
export type BackupFile = z.infer<typeof backupFileSchema>;
export type MigrationTaskSummary = z.infer<typeof migrationTaskSummarySchema>;
export type MigrationTask = z.infer<typeof migrationTaskSchema>;
export type MigrationTaskList = z.infer<typeof migrationTaskListSchema>;
export type MigrationTaskStats = z.infer<typeof migrationTaskStatsSchema>;
export type ListQuery = z.infer<typeof listQuerySchema>;
export type TaskQuery = z.infer<typeof taskQuerySchema>;
