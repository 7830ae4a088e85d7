// How statuses look, shared by every page that shows one (task list and page, overview). The rules
// (phase, can stop, changing) come from src/api; this file only names them in plain language (the
// `task` catalogue) and picks colours.
import type { StatusPhase } from '../../api';
import { KNOWN_STATUSES, statusPhase } from '../../api/rules';
import { translate } from '../i18n';

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

export function isKnownStatus(status: string | null | undefined): status is KnownStatus {
  return typeof status === 'string' && (KNOWN_STATUSES as readonly string[]).includes(status);
}

/** "Incremental sync" for INCRMIGEATING, in the current language; "Unknown status" for anything else. */
export function statusLabel(status: string | null | undefined): string {
  return isKnownStatus(status) ? translate('task', `status_${status}`) : translate('task', 'statusUnknown');
}

export function statusColor(status: string | null | undefined): string {
  return PHASE_COLORS[statusPhase(status)];
}
