// How statuses look. The rules (phase, can stop, changing) come from src/api; this file only
// names them in plain language and picks colours.
import type { StatusPhase } from '../../../../api';
import { KNOWN_STATUSES, statusPhase } from '../../../../api/rules';

type KnownStatus = (typeof KNOWN_STATUSES)[number];

const LABELS: Record<KnownStatus, string> = {
  MIGRATING: 'Migrating',
  FULLMIGRATING: 'Full sync',
  INCRMIGEATING: 'Incremental sync',
  INCRMIGRATING: 'Incremental sync',
  TERMINATING: 'Stopping',
  TERMINATED: 'Stopped',
  SUCCESS: 'Succeeded',
  FAILED: 'Failed',
  MIGRATION_FAILED: 'Migration failed',
  RUNNING: 'Awaiting configuration',
  RELEASED: 'Released',
  DELETED: 'Deleted',
};

const PHASE_COLORS: Record<StatusPhase, string> = {
  migrating: 'blue',
  stopping: 'orange',
  pending: 'cyan',
  succeeded: 'green',
  failed: 'red',
  stopped: 'dark',
  gone: 'gray',
  unknown: 'gray',
};

function isKnown(status: string | null | undefined): status is KnownStatus {
  return typeof status === 'string' && Object.hasOwn(LABELS, status);
}

export function statusLabel(status: string | null | undefined): string {
  return isKnown(status) ? LABELS[status] : 'Unknown status';
}

export function statusColor(status: string | null | undefined): string {
  return PHASE_COLORS[statusPhase(status)];
}

/** Options for the status filter: every known status, the raw value kept visible. */
export const STATUS_FILTER_OPTIONS = KNOWN_STATUSES.map((value) => ({
  value,
  label: `${LABELS[value]} (${value})`,
}));
