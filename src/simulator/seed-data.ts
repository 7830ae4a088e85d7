// Vocabulary for seed data: realistic-looking names, flavours, failures. Pure data.
import type { MigrationMethod, MigrationType } from './model';

export const SERVICES = [
  'orders', 'sessions', 'catalog', 'carts', 'inventory', 'payments', 'users', 'feeds',
  'leaderboard', 'ratelimit', 'search-cache', 'geo', 'notifications', 'recs', 'auth-tokens',
  'pricing', 'checkout', 'analytics', 'coupons', 'chat',
] as const;

export const ENVIRONMENTS = ['prod', 'staging', 'dev', 'test', 'uat'] as const;
export const NAME_SUFFIXES = ['7x', 'v2', 'az2', 'cn4', 'hk', 'blue', 'green', 'tmp'] as const;

export const VERSIONS = ['4.0', '5.0', '6.0', '6.0.21', '7.0'] as const;

export const SPEC_CODES = [
  'redis.ha.xu1.large.r2.1',
  'redis.ha.xu1.large.r2.2',
  'redis.ha.xu1.large.r2.8',
  'redis.cluster.xu1.large.r2.4',
  'redis.cluster.xu1.large.r2.16',
  'redis.single.xu1.tiny.128',
] as const;

export const BANDWIDTHS = ['50', '100', '200', '500', '1024'] as const;

export const MIGRATION_ERRORS = [
  'source redis connection refused: {source}',
  'AUTH failed: invalid password for the target instance',
  "target memory exhausted: OOM command not allowed when used memory > 'maxmemory'",
  'sync data failed: key name is busy',
  'migration ECS heartbeat lost',
  'source instance does not support PSYNC: replication is disabled',
] as const;

export const IMPORT_ERRORS = [
  'rdb file checksum mismatch: {file}',
  'failed to download backup file from OBS: AccessDenied',
  'unsupported RDB version 11 for target Redis {version}',
] as const;

export function descriptionFor(service: string, version: string, type: MigrationType, selfHosted: boolean): readonly string[] {
  if (type === 'backupfile_import') return ['', `restore ${service} from backup`, 'weekly restore drill'];
  return [
    '',
    `${service} cache to ${version} cluster`,
    selfHosted ? 'self-hosted source' : `move ${service} to the new AZ`,
    `${service}: cut-over before the sale`,
  ];
}

/** One planned seed task: status, and optionally shape constraints. */
export interface Slot {
  status: string;
  type?: MigrationType;
  method?: MigrationMethod;
  selfHosted?: boolean;
  fileSource?: 'self_build_obs' | 'backup_record';
  hexId?: boolean;
}

const ONLINE = 'online_migration';
const IMPORT = 'backupfile_import';
const INCR = 'incremental_migration';
const FULL = 'full_amount_migration';

/**
 * The first seed tasks, in order. The first 11 cover every status of README §4.1 (wire
 * spellings); with 12 tasks there are 3 stoppable incremental tasks, with 13 three INCRMIGEATING.
 */
export const REQUIRED_SLOTS: readonly Slot[] = [
  { status: 'INCRMIGEATING', type: ONLINE, method: INCR, selfHosted: false },
  { status: 'FULLMIGRATING', type: ONLINE, method: INCR, selfHosted: false },
  { status: 'MIGRATING', type: IMPORT, method: FULL, fileSource: 'self_build_obs', hexId: true },
  { status: 'TERMINATED', type: ONLINE, method: INCR, selfHosted: true },
  { status: 'SUCCESS', type: IMPORT, method: FULL, fileSource: 'backup_record' },
  { status: 'FAILED', type: ONLINE, method: FULL, selfHosted: true },
  { status: 'TERMINATING', type: ONLINE, method: INCR, selfHosted: false },
  { status: 'MIGRATION_FAILED', type: ONLINE, method: INCR },
  { status: 'RUNNING', type: ONLINE, method: INCR },
  { status: 'RELEASED', type: ONLINE, method: FULL },
  { status: 'DELETED', type: ONLINE, method: FULL },
  { status: 'INCRMIGEATING', type: ONLINE, method: INCR, selfHosted: true },
  { status: 'INCRMIGEATING', type: ONLINE, method: INCR, selfHosted: false },
  { status: 'FULLMIGRATING', type: ONLINE, method: FULL },
  { status: 'MIGRATING', type: ONLINE, method: INCR },
  { status: 'SUCCESS', type: IMPORT, method: FULL, fileSource: 'self_build_obs' },
];

/** Status mix of the tasks after the required ones. */
export const STATUS_WEIGHTS = {
  INCRMIGEATING: 20,
  FULLMIGRATING: 8,
  MIGRATING: 6,
  TERMINATING: 2,
  TERMINATED: 18,
  SUCCESS: 25,
  FAILED: 6,
  MIGRATION_FAILED: 4,
  RUNNING: 4,
  RELEASED: 5,
  DELETED: 2,
} as const;

/** Statuses in which data is (or is about to be) moving; such tasks are young. */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['INCRMIGEATING', 'FULLMIGRATING', 'MIGRATING', 'TERMINATING', 'RUNNING']);
