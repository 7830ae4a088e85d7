// Realistic fixtures in the console API's shape. Each task is a simulator task (src/simulator/model.ts)
// projected as the console serves it: the simulator's own DCS wire projections (toDetail, toListItem),
// then what the console's server does to every answer (passwords removed, only `password_set`;
// the contract's shape checked). So the fixtures cannot drift from the simulator or the server.
// Tests only: src/web never imports the simulator or the server outside src/web/testing/mocks.
// Ids are stable so tests can address tasks directly.
import {
  LOGOUT_PATH,
  migrationTaskSchema,
  migrationTaskSummarySchema,
  type MigrationTask,
  type MigrationTaskStats,
  type MigrationTaskSummary,
  type Session,
} from '../../../api';
import { redactSecrets } from '../../../server/upstream/redact';
import type { MigrationMethod, SimInstance, SimTask } from '../../../simulator/model';
import { toDetail, toListItem } from '../../../simulator/wire';

/** The default session: AUTH_MODE=none, an operator (what the server's operator role allows). */
export const session: Session = {
  user: { name: 'oncall.operator' },
  roles: ['operator'],
  allowed_actions: ['migrationTask:list', 'migrationTask:get', 'migrationTask:stop', 'audit:read'],
  csrf_token: 'csrf-test-token-3f9a1c',
  auth_mode: 'none',
  simulated: true,
  target: {
    region: 'ap-southeast-1',
    project_id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    endpoint_host: 'dcs.ap-southeast-1.myhuaweicloud.com',
  },
};

/** The sessions the server hands out, by role and sign-in mode. */
export const sessions = {
  operator: session,
  viewer: {
    ...session,
    user: { name: 'readonly.viewer' },
    roles: ['viewer'],
    allowed_actions: ['migrationTask:list', 'migrationTask:get'],
    auth_mode: 'proxy',
  },
  /** Signed in with OpenID Connect: the console can sign you out. */
  oidcOperator: {
    ...session,
    user: { name: 'jane.doe@example.com' },
    auth_mode: 'oidc',
    logout_url: LOGOUT_PATH,
    expires_at: '2099-01-01T08:00:00.000Z',
  },
} satisfies Record<string, Session>;

export type SessionVariant = keyof typeof sessions;

export const ids = {
  incremental: '8f2c1a3e-5b7d-4e9f-a1c2-3d4e5f6a7b8c',
  full: '1b9e7c4d-2a3f-4b5c-8d6e-7f8091a2b3c4',
  importing: 'c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8',
  terminated: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  succeeded: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  unknown: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a',
} as const;

/** The simulator's task behind each fixture task: the list answer is projected from it (toSummary). */
const simTaskOf = new WeakMap<MigrationTask, SimTask>();

/** The detail the console serves for a simulator task (src/server/migration-tasks/service.ts: get, stop). */
function served(task: SimTask): MigrationTask {
  const detail = migrationTaskSchema.parse(redactSecrets(toDetail(task)));
  simTaskOf.set(detail, task);
  return detail;
}

/** What the cloud writes into a failed task's `error_message` (list only). */
const FAILED_MESSAGE = 'Source instance became unreachable during full sync.';

/** Simulation bookkeeping: never on the wire, required by the model. */
function bookkeeping(createdAt: string, n: number): SimTask['sim'] {
  const createdMs = Date.parse(createdAt);
  return {
    createdMs,
    refMs: createdMs,
    haltedMs: null,
    terminatingSinceMs: null,
    sourceKeys: 1254032,
    initialProgress: 100,
    progressTauMs: 60_000,
    fullSyncDone: true,
    opsBase: 1840,
    noiseSeed: n,
    stopRequest: null,
    deletedMs: null,
    statusBeforeDelete: null,
  };
}

function simOnline(id: string, name: string, status: string, method: MigrationMethod, n: number): SimTask {
  const short = name.replace(/^mig-/, '');
  const instance = { port: '6379', proxy_multi_db: false, db: '0', task_status: 'RUNNING' } satisfies Partial<SimInstance>;
  const createdAt = `2025-11-${String(10 + (n % 15)).padStart(2, '0')}T08:${String(10 + n).padStart(2, '0')}:00.000Z`;
  return {
    task_id: id,
    task_name: name,
    description: `Move ${short} to DCS`,
    status,
    migration_type: 'online_migration',
    migration_method: method,
    ecs_tenant_private_ip: `192.168.10.${20 + n}`,
    network_type: 'vpc',
    // A self-hosted Redis source, with a password; a DCS target without one.
    source: { ...instance, id: null, name: null, ip: `10.0.${n}.15`, password: `src-Redis-pass-${n}`, instance_status: null, subnet_id: null, spec_code: null },
    target: {
      ...instance,
      id: `d${String(n).padStart(7, '0')}-1a2b-4c3d-8e4f-5a6b7c8d9e0f`,
      name: `dcs-${short}`,
      ip: `192.168.0.${100 + n}`,
      password: '',
      instance_status: 'RUNNING',
      subnet_id: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
      spec_code: 'redis.ha.xu1.large.r2.4',
    },
    backup_files: null,
    created_at: createdAt,
    updated_at: `2025-11-${String(11 + (n % 15)).padStart(2, '0')}T09:00:00.000Z`,
    released_at: null,
    version: '6.0.21',
    resume_mode: 'auto',
    supported_features: [],
    tenant_vpc_id: '4f3e2d1c-0b9a-4877-a6b5-c4d3e2f1a0b9',
    tenant_subnet_id: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
    tenant_security_group_id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    bandwidth_limit_mb: '200',
    task_status: null,
    error_message: status === 'FAILED' ? FAILED_MESSAGE : null,
    sim: bookkeeping(createdAt, n),
  };
}

/** An online migration (self-hosted source → DCS target). */
export function online(
  id: string,
  name: string,
  status: string,
  method: 'incremental_migration' | 'full_amount_migration',
  n: number,
): MigrationTask {
  return served(simOnline(id, name, status, method, n));
}

/** A backup import from an OBS bucket into a DCS target. */
export function backupImport(id: string, name: string, status: string, n: number): MigrationTask {
  return served({
    ...simOnline(id, name, status, 'full_amount_migration', n),
    migration_type: 'backupfile_import',
    network_type: null,
    bandwidth_limit_mb: null,
    source: null,
    backup_files: {
      file_source: 'self_build_obs',
      bucket_name: 'redis-backups-prod',
      backup_id: null,
      files: [
        { file_name: 'orders-2025-11-20.rdb', size: '1610612736', update_at: '2025-11-20 02:00:11' },
        { file_name: 'orders-2025-11-20.aof', size: '5242880', update_at: '2025-11-20 02:04:40' },
      ],
    },
  });
}

export function buildTasks(): MigrationTask[] {
  const tasks: MigrationTask[] = [
    online(ids.incremental, 'mig-orders-cache', 'INCRMIGEATING', 'incremental_migration', 1),
    online(ids.full, 'mig-session-store', 'FULLMIGRATING', 'full_amount_migration', 2),
    backupImport(ids.importing, 'import-orders-backup', 'MIGRATING', 3),
    online(ids.terminated, 'mig-legacy-queue', 'TERMINATED', 'incremental_migration', 4),
    backupImport(ids.succeeded, 'import-catalog-snapshot', 'SUCCESS', 5),
    online(ids.unknown, 'mig-pricing-cache', 'PAUSED_BY_OPS', 'incremental_migration', 6),
  ];
  // Settled filler tasks so paging has something to page through (24 in all).
  for (let n = 7; n <= 24; n += 1) {
    const id = `${n.toString(16).padStart(2, '0')}aa0000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
    tasks.push(online(id, `mig-batch-${String(n).padStart(2, '0')}`, n % 3 === 0 ? 'FAILED' : 'SUCCESS', 'full_amount_migration', n));
  }
  return tasks;
}

/** `count` full-sync tasks (all stoppable), for batch stops that need more than one batch. */
export function buildMovingTasks(count: number): MigrationTask[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return online(`bb000${n}-0000-4000-8000-000000000000`, `mig-bulk-${n}`, 'FULLMIGRATING', 'full_amount_migration', 7 + (i % 40));
  });
}

/** Fields of the list answer that the detail carries too: what tests change on a task (its status, mostly). */
const LISTED_FROM_DETAIL = [
  'task_name',
  'description',
  'status',
  'migration_type',
  'migration_method',
  'ecs_tenant_private_ip',
  'created_at',
  'released_at',
  'version',
  'resume_mode',
  'supported_features',
] as const;

/**
 * The list shape of a fixture task, as the console serves it (service.ts: list): the simulator's
 * list projection of the task, as the test may have changed it since, redacted and checked.
 */
export function toSummary(task: MigrationTask): MigrationTaskSummary {
  const origin = simTaskOf.get(task);
  if (!origin) throw new Error(`mock: task ${task.task_id} was not built by online() or backupImport()`);
  const current = Object.fromEntries(LISTED_FROM_DETAIL.map((key) => [key, task[key]]));
  // Tests set values the simulator's model does not know (unknown statuses and methods): shown raw, as the cloud's.
  const sim = { ...origin, ...current, error_message: task.status === 'FAILED' ? FAILED_MESSAGE : null } as SimTask;
  return migrationTaskSummarySchema.parse(redactSecrets(toListItem(sim)));
}

export function buildStats(): MigrationTaskStats {
  return {
    full_migration_progress: '100',
    offset: '0',
    source_dbsize: '1254032',
    target_dbsize: '1254029',
    target_input_kbps: '312.5',
    target_ops: 1840,
    is_migrating: true,
  };
}
