// The watch's states, failure codes and error codes in the operator's language. Codes a newer
// server may add are shown raw.
import { CAUGHT_UP_ERROR_CODES, CAUGHT_UP_FAILURE_CODES, CAUGHT_UP_STATES } from '../../../../../api/rules';
import type { MigrationTaskStats } from '../../../../../api';
import { formatNumber, toNumber } from '../../../../lib/format';
import { translateTaskPage } from '../../lib/english-task-page';

const known = <T extends string>(list: readonly T[], value: string | null | undefined): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

export function caughtUpStateLabel(state: string): string {
  return known(CAUGHT_UP_STATES, state) ? translateTaskPage(`caughtUpState_${state}`) : state;
}

export function caughtUpStateColor(state: string): string {
  return { waiting: 'blue', stopping: 'orange', done: 'green', cancelled: 'gray', failed: 'red' }[state] ?? 'gray';
}

/** Why a watch failed, in words; the raw code for a code this console does not know. */
export function caughtUpFailureText(code: string | null | undefined): string {
  if (known(CAUGHT_UP_FAILURE_CODES, code)) return translateTaskPage(`caughtUpFailure_${code}`);
  return translateTaskPage('caughtUpFailureOther', { code: code ?? '—' });
}

/** What an error of the watch routes means, or null for the common errors (the error alert explains those). */
export function caughtUpErrorText(code: string): string | null {
  return known(CAUGHT_UP_ERROR_CODES, code) ? translateTaskPage(`caughtUpError_${code}`) : null;
}


/** The full sync's progress as "40%", or words saying it is unknown. */
export function fullSyncProgressText(stats: MigrationTaskStats | undefined): string {
  const percent = toNumber(stats?.full_migration_progress);
  if (percent === null) return translateTaskPage('caughtUpProgressUnknown');
  return translateTaskPage('percent', { value: formatNumber(Math.min(100, Math.max(0, percent))) ?? percent });
}
