// Plain-language names for task fields; unknown values are shown raw.
import type { MigrationTask, MigrationTaskSummary } from '../../../../api';
import { translate } from '../../../i18n';
import type { Catalog } from '../../../i18n/messages/en';

export type TaskLike = MigrationTaskSummary | MigrationTask;

// Known values are named in the `task` catalogue; unknown ones are shown raw.
const TYPES = { online_migration: 'typeOnline', backupfile_import: 'typeBackupImport' } as const;
const METHODS = { full_amount_migration: 'methodFull', incremental_migration: 'methodIncremental' } as const;
const NETWORK_TYPES = { vpc: 'networkVpc', vpn: 'networkVpn' } as const;

type TaskKey = keyof Catalog['task'] & string;

function named(map: Record<string, TaskKey>, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const key = Object.hasOwn(map, value) ? map[value] : undefined;
  return key ? translate('task', key) : value;
}

export const migrationTypeLabel = (value: string | null | undefined) => named(TYPES, value);
export const migrationMethodLabel = (value: string | null | undefined) => named(METHODS, value);
export const networkTypeLabel = (value: string | null | undefined) => named(NETWORK_TYPES, value);

/** Incremental migrations keep writes flowing: stopping one asks the operator to type its name. */
export function needsTypedConfirmation(task: TaskLike): boolean {
  return task.migration_method === 'incremental_migration';
}

export function isOnlineMigration(task: TaskLike): boolean {
  return task.migration_type === 'online_migration';
}

export function taskDisplayName(task: TaskLike): string {
  return task.task_name || task.task_id;
}

function firstText(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return null;
}

function field(record: unknown, key: string): unknown {
  return record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
}

/** Source and target as an operator names them: instance name, else address or bucket. */
export function taskEndpoints(task: TaskLike): { source: string; target: string } {
  const src = field(task, 'source_instance');
  const dst = field(task, 'target_instance');
  const backup = field(task, 'backup_files');
  const source = firstText(
    field(task, 'source_instance_name'),
    field(src, 'name'),
    field(task, 'data_source'),
    field(src, 'addrs'),
    field(backup, 'bucket_name'),
    field(backup, 'backup_id'),
  );
  const target = firstText(
    field(task, 'target_instance_name'),
    field(dst, 'name'),
    field(task, 'target_instance_addrs'),
    field(dst, 'addrs'),
  );
  return { source: source ?? '—', target: target ?? '—' };
}

export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

