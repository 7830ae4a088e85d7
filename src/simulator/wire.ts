// Projections of a stored task onto the DCS wire shapes (README §3.1, §3.2, §3.3).
import type { DcsInstanceBody, DcsMigrationTask, DcsMigrationTaskListItem } from '../dcs/types';
import type { SimInstance, SimTask } from './model';

const addrs = (i: SimInstance): string => `${i.ip}:${i.port}`;

/** List item (§3.1): no passwords. Self-hosted sources show "" for DCS-only fields, as observed. */
export function toListItem(task: SimTask): DcsMigrationTaskListItem {
  const { source, target } = task;
  const dataSource = task.backup_files
    ? (task.backup_files.bucket_name ?? task.backup_files.backup_id)
    : source
      ? addrs(source)
      : null;
  return {
    task_id: task.task_id,
    task_name: task.task_name,
    status: task.status,
    migration_type: task.migration_type,
    migration_method: task.migration_method,
    ecs_tenant_private_ip: task.ecs_tenant_private_ip,
    data_source: dataSource,
    source_instance_name: source ? (source.name ?? '') : null,
    source_instance_id: source ? (source.id ?? '') : null,
    target_instance_addrs: target ? addrs(target) : null,
    target_instance_name: target?.name ?? null,
    target_instance_id: target?.id ?? null,
    created_at: task.created_at,
    description: task.description,
    source_instance_status: source ? (source.instance_status ?? '') : null,
    target_instance_status: target?.instance_status ?? null,
    source_instance_subnet_id: source ? (source.subnet_id ?? '') : null,
    target_instance_subnet_id: target?.subnet_id ?? null,
    source_instance_spec_code: source ? (source.spec_code ?? '') : null,
    target_instance_spec_code: target?.spec_code ?? null,
    error_message: task.error_message,
    released_at: task.released_at,
    version: task.version,
    resume_mode: task.resume_mode,
    supported_features: [...task.supported_features],
  };
}

function instanceBody(i: SimInstance): DcsInstanceBody {
  return {
    addrs: addrs(i),
    id: i.id,
    name: i.name,
    ip: i.ip,
    port: i.port,
    password: i.password, // plaintext, as the real cloud returns it
    proxy_multi_db: i.proxy_multi_db,
    db: i.db,
    task_status: i.task_status,
  };
}

/** Detail (§3.2), also the body of a successful single stop. Carries plaintext passwords. */
export function toDetail(task: SimTask): DcsMigrationTask {
  const imported = task.migration_type === 'backupfile_import';
  const { target } = task;
  return {
    task_id: task.task_id,
    task_name: task.task_name,
    description: task.description,
    status: task.status,
    migration_type: task.migration_type,
    migration_method: task.migration_method,
    ecs_tenant_private_ip: task.ecs_tenant_private_ip,
    ...(task.backup_files
      ? { backup_files: { ...task.backup_files, files: task.backup_files.files.map((f) => ({ ...f })) } }
      : {}),
    network_type: task.network_type,
    source_instance: task.source ? instanceBody(task.source) : null,
    // Imports show only id, name and password of the target (docs example).
    target_instance: target ? (imported ? { id: target.id, name: target.name, password: target.password } : instanceBody(target)) : null,
    created_at: task.created_at,
    updated_at: task.updated_at,
    released_at: task.released_at,
    version: task.version,
    resume_mode: task.resume_mode,
    supported_features: [...task.supported_features],
    tenant_vpc_id: task.tenant_vpc_id,
    tenant_subnet_id: task.tenant_subnet_id,
    tenant_security_group_id: task.tenant_security_group_id,
    bandwidth_limit_mb: task.bandwidth_limit_mb,
    task_status: task.task_status,
  };
}
