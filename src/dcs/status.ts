// Task statuses of the DCS migration API (shared/dcs-api/README.md §4.1, §5) and what each
// one allows. This is the only place these rules live; everything else imports them.

export const MIGRATION_TASK_STATUSES = [
  'MIGRATING',
  'FULLMIGRATING',
  'INCRMIGEATING', // the wire spelling
  'INCRMIGRATING', // the doc prose spelling; accepted too
  'TERMINATING',
  'TERMINATED',
  'SUCCESS',
  'FAILED',
  'MIGRATION_FAILED',
  'RUNNING',
  'RELEASED',
  'DELETED',
] as const;

export type KnownMigrationTaskStatus = (typeof MIGRATION_TASK_STATUSES)[number];

/** How a status behaves, for polling and for the operator. */
export type StatusPhase =
  | 'migrating' // data is moving; the task can be stopped
  | 'stopping' // a stop was accepted and is in progress
  | 'pending' // created but not configured or started yet
  | 'succeeded'
  | 'failed'
  | 'stopped'
  | 'gone' // migration ECS released or task deleted
  | 'unknown'; // a value this console does not know yet

const PHASES: Record<KnownMigrationTaskStatus, StatusPhase> = {
  MIGRATING: 'migrating',
  FULLMIGRATING: 'migrating',
  INCRMIGEATING: 'migrating',
  INCRMIGRATING: 'migrating',
  TERMINATING: 'stopping',
  TERMINATED: 'stopped',
  SUCCESS: 'succeeded',
  FAILED: 'failed',
  MIGRATION_FAILED: 'failed',
  RUNNING: 'pending',
  RELEASED: 'gone',
  DELETED: 'gone',
};

export function isKnownStatus(status: unknown): status is KnownMigrationTaskStatus {
  return typeof status === 'string' && Object.hasOwn(PHASES, status);
}

export function statusPhase(status: string | null | undefined): StatusPhase {
  return isKnownStatus(status) ? PHASES[status] : 'unknown';
}

/** The two spellings of "in incremental sync": INCRMIGEATING on the wire, INCRMIGRATING in the doc prose (§4.1). */
export const INCREMENTAL_SYNC_STATUSES = ['INCRMIGEATING', 'INCRMIGRATING'] as const;

/** True in incremental sync (either spelling): the offset means lag only then; during the full sync the cloud reports 0. */
export function isIncrementalSync(status: string | null | undefined): boolean {
  return status === 'INCRMIGEATING' || status === 'INCRMIGRATING';
}

/** Statuses that accept a stop request: data is moving. */
export const STOPPABLE_STATUSES: readonly KnownMigrationTaskStatus[] = MIGRATION_TASK_STATUSES.filter(
  (s) => PHASES[s] === 'migrating',
);

export function canStop(status: string | null | undefined): boolean {
  return statusPhase(status) === 'migrating';
}

/** Why Stop is not offered for a status, in words an operator understands; null if it is. */
export function stopUnavailableReason(status: string | null | undefined): string | null {
  switch (statusPhase(status)) {
    case 'migrating':
      return null;
    case 'stopping':
      return 'A stop is already in progress for this task.';
    case 'stopped':
      return 'This task has already been stopped.';
    case 'succeeded':
      return 'This task has finished; there is nothing to stop.';
    case 'failed':
      return 'This task has failed; there is nothing to stop.';
    case 'pending':
      return 'This task has not started migrating yet.';
    case 'gone':
      return 'This task has been released or deleted.';
    case 'unknown':
      return `The status "${status ?? ''}" is not known to this console, so Stop is not offered.`;
  }
}

/**
 * Whether the status can still change by itself, so a view showing it should keep polling.
 * Unknown statuses count as changing: we cannot tell, and a fresh view is the safe side.
 */
export function isChanging(status: string | null | undefined): boolean {
  const phase = statusPhase(status);
  return phase === 'migrating' || phase === 'stopping' || phase === 'unknown';
}

/** Settled: nothing will happen to the task without someone acting on it. */
export function isSettled(status: string | null | undefined): boolean {
  return !isChanging(status);
}
