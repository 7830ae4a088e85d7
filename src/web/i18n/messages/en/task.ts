import type { Messages } from '../message';

// Status, type and method labels, shown everywhere (the task page's own texts: task-page.ts).
export const task = {
  status_MIGRATING: 'Migrating',
  status_FULLMIGRATING: 'Full sync',
  status_INCRMIGEATING: 'Incremental sync',
  status_INCRMIGRATING: 'Incremental sync',
  status_TERMINATING: 'Stopping',
  status_TERMINATED: 'Stopped',
  status_SUCCESS: 'Succeeded',
  status_FAILED: 'Failed',
  status_MIGRATION_FAILED: 'Migration failed',
  status_RUNNING: 'Awaiting configuration',
  status_RELEASED: 'Released',
  status_DELETED: 'Deleted',
  statusUnknown: 'Unknown status',
  noStatus: '(no status)',
  typeOnline: 'Online',
  typeBackupImport: 'Backup import',
  methodFull: 'Full',
  methodIncremental: 'Incremental',
  networkVpc: 'VPC',
  networkVpn: 'VPN',
} satisfies Messages;
