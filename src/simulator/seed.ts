// Deterministic seed data: the same (count, seed, nowMs) always gives the same tasks.
import { compactTime, isoTime, spacedTime, type MigrationMethod, type MigrationType, type SimBackupFiles, type SimInstance, type SimTask } from './model';
import { Random } from './random';
import {
  ACTIVE_STATUSES, BANDWIDTHS, descriptionFor, ENVIRONMENTS, IMPORT_ERRORS, MIGRATION_ERRORS, NAME_SUFFIXES,
  REQUIRED_SLOTS, SERVICES, SPEC_CODES, STATUS_WEIGHTS, VERSIONS, type Slot,
} from './seed-data';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SeedOptions {
  count: number;
  seed: number;
  nowMs: number;
}

interface Network {
  prefix: string;
  vpcId: string;
  subnetId: string;
  securityGroupId: string;
}

interface Used {
  ids: Set<string>;
  names: Set<string>;
}

export function seedTasks({ count, seed, nowMs }: SeedOptions): SimTask[] {
  const rnd = new Random(seed);
  const networks: Network[] = ['10.20', '10.30', '172.16'].map((prefix) => ({
    prefix,
    vpcId: rnd.uuid(),
    subnetId: rnd.uuid(),
    securityGroupId: rnd.uuid(),
  }));
  const used: Used = { ids: new Set(), names: new Set() };
  const tasks: SimTask[] = [];
  for (let i = 0; i < count; i++) {
    tasks.push(makeTask(rnd, REQUIRED_SLOTS[i] ?? randomSlot(rnd), nowMs, rnd.pick(networks), used));
  }
  return tasks.sort(newestFirst);
}

export function newestFirst(a: SimTask, b: SimTask): number {
  return b.sim.createdMs - a.sim.createdMs || (a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : 0);
}

function randomSlot(rnd: Random): Slot {
  const status = rnd.weighted(STATUS_WEIGHTS);
  const online: MigrationType = 'online_migration';
  const imp: MigrationType = 'backupfile_import';
  const method = (p: number): MigrationMethod => (rnd.chance(p) ? 'incremental_migration' : 'full_amount_migration');
  let slot: Slot;
  if (status === 'INCRMIGEATING' || status === 'TERMINATING' || status === 'MIGRATION_FAILED') slot = { status, type: online, method: method(1) };
  else if (status === 'MIGRATING') slot = rnd.chance(0.6) ? { status, type: imp, method: method(0) } : { status, type: online, method: method(0.5) };
  else if (status === 'SUCCESS' || status === 'FAILED') slot = rnd.chance(0.4) ? { status, type: imp, method: method(0) } : { status, type: online, method: method(0) };
  else if (status === 'TERMINATED') slot = { status, type: online, method: method(0.75) };
  else if (status === 'DELETED') slot = { status, type: rnd.chance(0.3) ? imp : online, method: method(0.3) };
  else slot = { status, type: online, method: method(0.5) }; // FULLMIGRATING, RUNNING, RELEASED
  if (slot.type === imp) slot.method = 'full_amount_migration';
  return { ...slot, hexId: rnd.chance(0.1), fileSource: rnd.chance(0.5) ? 'self_build_obs' : 'backup_record' };
}

function makeTask(rnd: Random, slot: Slot, nowMs: number, net: Network, used: Used): SimTask {
  const type = slot.type ?? 'online_migration';
  const online = type === 'online_migration';
  const selfHosted = online && (slot.selfHosted ?? rnd.chance(0.3));
  const service = rnd.pick(SERVICES);
  const env = rnd.pick(ENVIRONMENTS);
  const version = rnd.pick(VERSIONS);
  const { status } = slot;
  const active = ACTIVE_STATUSES.has(status);
  const createdMs = nowMs - (active ? rnd.int(20 * MINUTE, 3 * DAY) : rnd.int(2 * HOUR, 45 * DAY));
  const finishedMs = active ? null : Math.min(nowMs - MINUTE, createdMs + rnd.int(15 * MINUTE, 6 * HOUR));
  const terminating = status === 'TERMINATING';

  let taskId = '';
  while (!taskId || used.ids.has(taskId)) taskId = slot.hexId ? rnd.hex(32) : rnd.uuid();
  used.ids.add(taskId);
  const baseName = online
    ? rnd.chance(0.6) ? `mig-${env}-${service}` : `mig-${service}-${rnd.pick(NAME_SUFFIXES)}`
    : rnd.chance(0.5) ? `import-${service}-${compactTime(createdMs).slice(0, 8)}` : `mig-${env}-import-${service}`;
  let name = baseName;
  for (let n = 2; used.names.has(name); n++) name = `${baseName}-${n}`;
  used.names.add(name);

  const pending = status === 'RUNNING';
  const source = online && !pending ? (selfHosted ? selfHostedInstance(rnd) : dcsInstance(rnd, `redis-${service}-old`, net, 'Src')) : null;
  const target = pending ? null : dcsInstance(rnd, online ? `redis-${service}-new` : `dcs-${service}-${env}`, net, 'Tgt');
  const backupFiles = online ? null : backupFilesFor(rnd, slot, service, createdMs);

  let released: number | null = null;
  if (finishedMs !== null && (status === 'RELEASED' || (nowMs - finishedMs > 7 * DAY && rnd.chance(0.6)))) {
    released = Math.min(nowMs - MINUTE, finishedMs + rnd.int(30 * MINUTE, DAY));
  }
  const failed = status === 'FAILED' || status === 'MIGRATION_FAILED';
  let errorMessage: string | null = null;
  if (failed) {
    const template = online ? rnd.pick(MIGRATION_ERRORS) : rnd.pick(IMPORT_ERRORS);
    errorMessage = template
      .replace('{source}', source ? `${source.ip}:${source.port}` : 'unknown')
      .replace('{file}', backupFiles?.files[0]?.file_name ?? 'backup.rdb')
      .replace('{version}', version);
  }
  const method = slot.method ?? 'incremental_migration';
  return {
    task_id: taskId,
    task_name: name,
    description: rnd.pick(descriptionFor(service, version, type, selfHosted)),
    status,
    migration_type: type,
    migration_method: method,
    ecs_tenant_private_ip: online ? rnd.ip(net.prefix) : null,
    network_type: online ? (rnd.chance(0.85) ? 'vpc' : 'vpn') : null,
    source,
    target,
    backup_files: backupFiles,
    created_at: isoTime(createdMs),
    updated_at: terminating ? isoTime(nowMs) : finishedMs === null ? null : isoTime(finishedMs),
    released_at: released === null ? null : compactTime(released),
    version,
    resume_mode: online ? (rnd.chance(0.7) ? 'auto' : 'manual') : null,
    supported_features: [],
    tenant_vpc_id: online ? net.vpcId : null,
    tenant_subnet_id: online ? net.subnetId : null,
    tenant_security_group_id: online ? net.securityGroupId : null,
    bandwidth_limit_mb: online && !pending ? rnd.pick(BANDWIDTHS) : null,
    task_status: null,
    error_message: errorMessage,
    sim: {
      createdMs,
      refMs: nowMs,
      haltedMs: terminating ? nowMs : finishedMs,
      terminatingSinceMs: terminating ? nowMs : null,
      sourceKeys: rnd.int(5_000, 5_000_000),
      initialProgress: rnd.int(3, 85),
      progressTauMs: rnd.int(3 * MINUTE, 20 * MINUTE),
      fullSyncDone: status === 'INCRMIGEATING' || status === 'SUCCESS' || (method === 'incremental_migration' && (terminating || (!active && !failed))),
      opsBase: rnd.int(300, 8_000),
      noiseSeed: rnd.int(1, 0x7fffffff),
      stopRequest: null,
      deletedMs: null,
      statusBeforeDelete: null,
    },
  };
}

function dcsInstance(rnd: Random, name: string, net: Network, passwordPrefix: string): SimInstance {
  return {
    id: rnd.uuid(),
    name,
    ip: rnd.ip(net.prefix),
    port: '6379',
    password: `${passwordPrefix}-${rnd.alnum(12)}`,
    proxy_multi_db: rnd.chance(0.1),
    db: '0',
    task_status: 'RUNNING',
    instance_status: 'RUNNING',
    subnet_id: net.subnetId,
    spec_code: rnd.pick(SPEC_CODES),
  };
}

function selfHostedInstance(rnd: Random): SimInstance {
  return {
    id: null,
    name: null,
    ip: rnd.ip('192.168'),
    port: rnd.pick(['6379', '6379', '6380', '7000']),
    password: `Src-${rnd.alnum(12)}`,
    proxy_multi_db: false,
    db: String(rnd.int(0, 3)),
    task_status: 'RUNNING',
    instance_status: null,
    subnet_id: null,
    spec_code: null,
  };
}

function backupFilesFor(rnd: Random, slot: Slot, service: string, createdMs: number): SimBackupFiles {
  const fileCount = rnd.int(1, 3);
  const files = Array.from({ length: fileCount }, (_, i) => {
    const at = createdMs - rnd.int(10 * MINUTE, 2 * DAY);
    return {
      file_name: `${service}-${compactTime(at).slice(0, 8)}${i ? `-${i}` : ''}.${rnd.chance(0.8) ? 'rdb' : 'aof'}`,
      size: String(rnd.int(1_048_576, 8_589_934_592)),
      update_at: spacedTime(at),
    };
  });
  return slot.fileSource === 'backup_record'
    ? { file_source: 'backup_record', bucket_name: null, backup_id: rnd.uuid(), files: files.slice(0, 1) }
    : { file_source: 'self_build_obs', bucket_name: `obs-${service}-backups`, backup_id: null, files };
}
