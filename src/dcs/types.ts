// Wire types of the DCS v2 migration-task API (shared/dcs-api/README.md §3). Nearly every field
// may be missing or null, and the cloud adds fields without notice, so every object is open.
// These types carry plaintext passwords: they never leave the server.

type Open = { [field: string]: unknown };
type Maybe<T> = T | null | undefined;

export interface DcsInstanceBody extends Open {
  id?: Maybe<string>;
  name?: Maybe<string>;
  addrs?: Maybe<string>;
  ip?: Maybe<string>;
  port?: Maybe<string>;
  /** Redis password, returned in plaintext by the cloud. */
  password?: Maybe<string>;
  proxy_multi_db?: Maybe<boolean>;
  db?: Maybe<string>;
  task_status?: Maybe<string>;
}

export interface DcsBackupFile extends Open {
  file_name?: Maybe<string>;
  size?: Maybe<string>;
  update_at?: Maybe<string>;
}

export interface DcsBackupFiles extends Open {
  file_source?: Maybe<string>;
  bucket_name?: Maybe<string>;
  backup_id?: Maybe<string>;
  files?: Maybe<DcsBackupFile[]>;
}

export interface DcsMigrationTaskListItem extends Open {
  task_id?: Maybe<string>;
  task_name?: Maybe<string>;
  status?: Maybe<string>;
  migration_type?: Maybe<string>;
  migration_method?: Maybe<string>;
  ecs_tenant_private_ip?: Maybe<string>;
  data_source?: Maybe<string>;
  source_instance_name?: Maybe<string>;
  source_instance_id?: Maybe<string>;
  target_instance_addrs?: Maybe<string>;
  target_instance_name?: Maybe<string>;
  target_instance_id?: Maybe<string>;
  created_at?: Maybe<string>;
  description?: Maybe<string>;
  source_instance_status?: Maybe<string>;
  target_instance_status?: Maybe<string>;
  source_instance_subnet_id?: Maybe<string>;
  target_instance_subnet_id?: Maybe<string>;
  source_instance_spec_code?: Maybe<string>;
  target_instance_spec_code?: Maybe<string>;
  error_message?: Maybe<string>;
  released_at?: Maybe<string>;
  version?: Maybe<string>;
  resume_mode?: Maybe<string>;
  supported_features?: Maybe<string[]>;
}

export interface DcsListMigrationTasksResponse extends Open {
  count?: Maybe<number>;
  migration_tasks?: Maybe<DcsMigrationTaskListItem[]>;
}

export interface DcsMigrationTask extends Open {
  task_id?: Maybe<string>;
  task_name?: Maybe<string>;
  description?: Maybe<string>;
  status?: Maybe<string>;
  migration_type?: Maybe<string>;
  migration_method?: Maybe<string>;
  ecs_tenant_private_ip?: Maybe<string>;
  backup_files?: Maybe<DcsBackupFiles>;
  network_type?: Maybe<string>;
  source_instance?: Maybe<DcsInstanceBody>;
  target_instance?: Maybe<DcsInstanceBody>;
  created_at?: Maybe<string>;
  updated_at?: Maybe<string>;
  released_at?: Maybe<string>;
  version?: Maybe<string>;
  resume_mode?: Maybe<string>;
  supported_features?: Maybe<string[]>;
  tenant_vpc_id?: Maybe<string>;
  tenant_subnet_id?: Maybe<string>;
  tenant_security_group_id?: Maybe<string>;
  bandwidth_limit_mb?: Maybe<string>;
  task_status?: Maybe<string>;
}

/** `/stats`; the docs say strings, the examples send numbers: accept both. */
export interface DcsMigrationTaskStats extends Open {
  full_migration_progress?: Maybe<string | number>;
  offset?: Maybe<string | number>;
  source_dbsize?: Maybe<string | number>;
  target_dbsize?: Maybe<string | number>;
  target_input_kbps?: Maybe<string | number>;
  target_ops?: Maybe<string | number>;
  is_migrating?: Maybe<boolean>;
}

export interface DcsBatchStopRequest {
  migration_tasks: string[];
}

export interface DcsStopResult extends Open {
  result?: Maybe<string>; // "success" | "failed"
  task_id?: Maybe<string>;
  error_code?: Maybe<string>;
  error_msg?: Maybe<string>;
}

export interface DcsBatchStopResponse extends Open {
  migration_tasks?: Maybe<DcsStopResult[]>;
}

/** One entry of `/logs` (README §3.7); `created_at` is ISO-8601 UTC with ms. */
export interface DcsMigrationLog extends Open {
  created_at?: Maybe<string>;
  log_level?: Maybe<string>; // "INFO" | "ERROR"
  message?: Maybe<string>;
  log_code?: Maybe<string>;
  keyword?: Maybe<string[]>;
}

export interface DcsListMigrationLogsResponse extends Open {
  log_num?: Maybe<number>;
  migration_logs?: Maybe<DcsMigrationLog[]>;
}

/** Body of `DELETE /migration-tasks/delete` (a DELETE with a JSON body). */
export interface DcsDeleteMigrationTasksRequest {
  task_id_list: string[];
}

export interface DcsDeleteMigrationTasksResponse extends Open {
  task_id_list?: Maybe<string[]>;
}

export const MIGRATION_TYPES = ['backupfile_import', 'online_migration'] as const;
export const MIGRATION_METHODS = ['full_amount_migration', 'incremental_migration'] as const;
export const MIGRATION_LOG_LEVELS = ['INFO', 'ERROR'] as const;
