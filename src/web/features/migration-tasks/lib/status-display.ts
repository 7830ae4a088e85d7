// How statuses look. The rules (phase, can stop, changing) come from src/api; this file only
// names them in plain language (the `task` catalogue) and picks colours.
import type { StatusPhase } from '../../../../api';
import { KNOWN_STATUSES, statusPhase } from '../../../../api/rules';
import { translate } from '../../../i18n';

type KnownStatus = (typeof KNOWN_STATUSES)[number];

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
  return typeof status === 'string' && (KNOWN_STATUSES as readonly string[]).includes(status);
}

/** "Incremental sync" for INCRMIGEATING, in the current language; "Unknown status" for anything else. */
export function statusLabel(status: string | null | undefined): string {
  return isKnown(status) ? translate('task', `status_${status}`) : translate('task', 'statusUnknown');
}

export function statusColor(status: string | null | undefined): string {
  return PHASE_COLORS[statusPhase(status)];
}

/** Why Stop is not offered for a status, in the current language; null when it is. */
export function stopUnavailableText(status: string | null | undefined): string | null {
  const phase = statusPhase(status);
  if (phase === 'migrating') return null;
  if (phase === 'unknown') return translate('stop', 'unavailable_unknown', { status: status ?? '' });
  return translate('stop', `unavailable_${phase}`);
}
