// What one poll does to a watch. Pure, so the rules read in one place: a poll counts only in
// incremental sync at offset ≤ threshold; a poll above it (or back in full sync) resets the count;
// a failed poll neither counts nor resets, and enough of them in a row end the watch.
import type { CaughtUpPoll, CaughtUpWatch } from '../../api/caught-up';
import { CAUGHT_UP_MAX_CONSECUTIVE_ERRORS, type CaughtUpFailureCode } from '../../api/rules/caught-up';
import { canStop, isIncrementalSync, stopUnavailableReason } from '../../dcs/status';


export type Observation =
  | { kind: 'read'; status: string | null; offset: number | null }
  | { kind: 'error'; code: string; message: string };

export type PollOutcome = 'continue' | 'stop' | 'failed';

export function afterPoll(watch: CaughtUpWatch, seen: Observation, nowMs: number): { watch: CaughtUpWatch; outcome: PollOutcome } {
  const at = new Date(nowMs).toISOString();
  const next = new Date(nowMs + watch.poll_interval_s * 1000).toISOString();
  if (seen.kind === 'error') {
    const poll: CaughtUpPoll = { at, status: null, offset: null, caught_up: false, error_code: seen.code, error_message: seen.message };
    const errors = watch.consecutive_errors + 1;
    const updated = { ...watch, last_poll: poll, last_error: poll, consecutive_errors: errors, next_poll_at: next };
    if (seen.code === 'TASK_NOT_FOUND') return failed(updated, 'TASK_NOT_FOUND', 'The cloud no longer knows this task.', at);
    if (errors >= CAUGHT_UP_MAX_CONSECUTIVE_ERRORS) {
      return failed(updated, 'UPSTREAM_ERRORS', `${errors} polls in a row failed; the last with ${seen.code}: ${seen.message}`, at);
    }
    return { watch: updated, outcome: 'continue' };
  }

  const caughtUp = isIncrementalSync(seen.status) && seen.offset !== null && seen.offset <= watch.threshold;
  const poll: CaughtUpPoll = { at, status: seen.status, offset: seen.offset, caught_up: caughtUp, error_code: null, error_message: null };
  const inARow = caughtUp ? watch.polls_in_a_row + 1 : 0;
  const updated = { ...watch, last_poll: poll, consecutive_errors: 0, polls_in_a_row: inARow, next_poll_at: next };
  if (!canStop(seen.status)) {
    return failed(updated, 'TASK_NOT_STOPPABLE', stopUnavailableReason(seen.status) ?? 'The task can no longer be stopped.', at);
  }
  if (inARow >= watch.consecutive_polls) return { watch: { ...updated, state: 'stopping', next_poll_at: null }, outcome: 'stop' };
  return { watch: updated, outcome: 'continue' };
}

export function failed(watch: CaughtUpWatch, code: CaughtUpFailureCode, message: string, at: string): { watch: CaughtUpWatch; outcome: 'failed' } {
  return { watch: { ...watch, state: 'failed', failure_code: code, failure_message: message, finished_at: at, next_poll_at: null }, outcome: 'failed' };
}
