// How the simulator stores a migration task. Wire shapes are derived from this in wire.ts;
// everything under `sim` is simulation bookkeeping and never appears on the DCS wire.

export type MigrationType = 'online_migration' | 'backupfile_import';
export type MigrationMethod = 'full_amount_migration' | 'incremental_migration';

/** One side (source or target) of a migration. */
export interface SimInstance {
  /** DCS instance id; null for a self-hosted Redis source. */
  id: string | null;
  name: string | null;
  ip: string;
  port: string;
  /** Plaintext, as the real cloud returns it. */
  password: string;
  proxy_multi_db: boolean;
  db: string;
  task_status: string | null;
  /** DCS instance status (list field `*_instance_status`); null when self-hosted. */
  instance_status: string | null;
  subnet_id: string | null;
  spec_code: string | null;
}

export interface SimBackupFiles {
  file_source: 'self_build_obs' | 'backup_record';
  bucket_name: string | null;
  backup_id: string | null;
  files: { file_name: string; size: string; update_at: string }[];
}

export interface SimBookkeeping {
  createdMs: number;
  /** Reference time of `sourceKeys` and `initialProgress` (seed time, or when data began to move). */
  refMs: number;
  /** When the task stopped moving data (stop, finish, failure); stats freeze here. */
  haltedMs: number | null;
  /** Set while TERMINATING: the task becomes TERMINATED at terminatingSinceMs + stopDelayMs. */
  terminatingSinceMs: number | null;
  /** Key count of the source when the migration started. */
  sourceKeys: number;
  /** Full-sync progress (percent) at refMs, and how fast it approaches 100 while migrating. */
  initialProgress: number;
  progressTauMs: number;
  /** The full sync finished before refMs (incremental phase reached, or success). */
  fullSyncDone: boolean;
  /** Typical target ops/s while migrating. */
  opsBase: number;
  /** Per-task salt for the stats and log noise. */
  noiseSeed: number;
  /** Which call asked for the stop (logs word it differently); null = not stopped through the API. */
  stopRequest: 'stop' | 'sync-stop' | null;
  /** Set by DELETE /migration-tasks/delete: when, and the status the task had before. */
  deletedMs: number | null;
  statusBeforeDelete: string | null;
  /** Set by POST /__simulator/tasks/{id}/progress (progress-pin.ts); absent = natural stats. */
  pins?: ProgressPins;
}

/** What the control API pinned in a task's stats. */
export interface ProgressPins {
  /** Offset `from` at `atMs`, falling linearly to 0 over `drainMs` (0 = constant), then 0. */
  offset?: { from: number; atMs: number; drainMs: number } | null;
  /** Full-sync percent reported while the full sync runs. */
  fullSyncProgress?: number | null;
}

export interface SimTask {
  task_id: string;
  task_name: string;
  description: string;
  status: string;
  migration_type: MigrationType;
  migration_method: MigrationMethod;
  ecs_tenant_private_ip: string | null;
  network_type: 'vpc' | 'vpn' | null;
  source: SimInstance | null;
  target: SimInstance | null;
  backup_files: SimBackupFiles | null;
  created_at: string;
  updated_at: string | null;
  released_at: string | null;
  version: string;
  resume_mode: 'auto' | 'manual' | null;
  supported_features: string[];
  tenant_vpc_id: string | null;
  tenant_subnet_id: string | null;
  tenant_security_group_id: string | null;
  bandwidth_limit_mb: string | null;
  task_status: string | null;
  error_message: string | null;
  sim: SimBookkeeping;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `YYYYMMDDHHMM` (UTC), the format of `released_at` in the docs. */
export function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 12);
}

/** `YYYY-MM-DD HH:MM:SS` (UTC), the format of backup files' `update_at`. */
export function spacedTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}
