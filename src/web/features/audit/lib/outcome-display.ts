// How the outcome of a stop attempt looks. AUDIT_OUTCOMES is open: a newer server's value is shown raw.
import type { AuditOutcome } from '../../../../api';

interface OutcomeDisplay {
  label: string;
  color: string;
  /** A line under the badge, when the outcome needs the operator to act. */
  note?: string;
}

const OUTCOMES: Record<AuditOutcome, OutcomeDisplay> = {
  accepted: { label: 'Accepted', color: 'green' },
  refused: { label: 'Refused', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
  unknown: { label: 'Unknown', color: 'yellow', note: 'outcome unknown — check the task' },
  pending: { label: 'Pending', color: 'gray' },
};

export function outcomeDisplay(outcome: string): OutcomeDisplay {
  return Object.hasOwn(OUTCOMES, outcome) ? OUTCOMES[outcome as AuditOutcome] : { label: outcome || 'No outcome', color: 'gray' };
}
