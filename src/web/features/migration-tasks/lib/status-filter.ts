// The choices of the list's status filter. One choice per meaning: "Incremental sync" stands for
// both spellings (INCRMIGEATING, INCRMIGRATING) and "Failed" for FAILED and MIGRATION_FAILED; a
// status from a link that no choice covers gets a choice of its own, so it can be removed. The URL
// keeps the raw values (`?status=FAILED,MIGRATION_FAILED`), as before.
import { FILTER_STATUSES, statusesMatching } from '../../../../api/rules';

export interface StatusChoice {
  /** The choice's first status: its key, and its label's status. */
  value: string;
  /** What choosing it adds to the filter. */
  adds: readonly string[];
  /** The filter values that tick it (and that unticking removes). */
  matches: readonly string[];
  /** A status this console does not know (from a link). */
  unknown: boolean;
}

/** One failed state for the operator: the cloud reports a failed task with either value. */
export const FAILED_STATUSES = ['FAILED', 'MIGRATION_FAILED'] as const;

const KNOWN_CHOICES: StatusChoice[] = FILTER_STATUSES.filter((status) => status !== 'MIGRATION_FAILED').map((status) =>
  status === 'FAILED'
    ? { value: status, adds: FAILED_STATUSES, matches: FAILED_STATUSES, unknown: false }
    : { value: status, adds: [status], matches: statusesMatching(status), unknown: false },
);
const COVERED = new Set(KNOWN_CHOICES.flatMap((choice) => choice.matches));

/** The known choices, then one per selected status that none of them covers. */
export function statusChoices(selected: readonly string[]): StatusChoice[] {
  const extra = selected.filter((status) => !COVERED.has(status));
  return [...KNOWN_CHOICES, ...extra.map((status) => ({ value: status, adds: [status], matches: [status], unknown: true }))];
}

export function isChosen(choice: StatusChoice, selected: readonly string[]): boolean {
  return choice.matches.some((status) => selected.includes(status));
}

/** The filter after ticking (adds what is not there yet) or unticking (removes all it matches) a choice. */
export function toggleChoice(choice: StatusChoice, selected: readonly string[], on: boolean): string[] {
  if (!on) return selected.filter((status) => !choice.matches.includes(status));
  return [...selected, ...choice.adds.filter((status) => !selected.includes(status))];
}
