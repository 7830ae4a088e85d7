// How the outcome of a stop attempt looks. AUDIT_OUTCOMES is open: a newer server's value is shown raw.
import type { AuditOutcome } from '../../../../api';
import { translateAudit } from './english';

interface OutcomeDisplay {
  label: string;
  color: string;
  /** A line under the badge, when the outcome needs the operator to act. */
  note?: string;
}

const COLORS: Record<AuditOutcome, string> = {
  accepted: 'green',
  refused: 'orange',
  failed: 'red',
  unknown: 'yellow',
  pending: 'gray',
};

export function outcomeDisplay(outcome: string): OutcomeDisplay {
  if (!Object.hasOwn(COLORS, outcome)) return { label: outcome || translateAudit('noOutcome'), color: 'gray' };
  const known = outcome as AuditOutcome;
  return {
    label: translateAudit(`outcome.${known}`),
    color: COLORS[known],
    note: known === 'unknown' ? translateAudit('outcomeUnknownNote') : undefined,
  };
}
