// What a failed stop means for the task: refused (nothing happened), or unknown (the request may
// have reached the cloud and been applied; only the task's status can tell).
import { translate } from '../../../i18n';
import { CLIENT_ERROR_CODES, isApiError } from '../../../lib/api-client';

/** Codes after which the stop may or may not have been applied. */
const OUTCOME_UNKNOWN_CODES = new Set<string>([
  'UPSTREAM_TIMEOUT', // sent, no answer in time
  'UPSTREAM_UNREACHABLE', // the connection dropped: it may have reached the cloud
  'UPSTREAM_BAD_RESPONSE', // the cloud answered, but not readably
  'INTERNAL', // the console failed, possibly after sending
  CLIENT_ERROR_CODES.network, // the browser got no (complete) answer from the console
  CLIENT_ERROR_CODES.timeout,
  CLIENT_ERROR_CODES.badBody, // a success answer this page could not read
]);

/** Whether the cloud may have applied a stop that failed with `error`. */
export function isStopOutcomeUnknown(error: unknown): boolean {
  if (!isApiError(error)) return true; // not a known answer at all: assume the worst
  if (OUTCOME_UNKNOWN_CODES.has(error.code)) return true;
  // A proxy's error page instead of the console's answer: the console may have sent the stop.
  return error.code === CLIENT_ERROR_CODES.unexpected && error.status >= 500;
}

/**
 * For a stop the cloud answered with a 5xx error (UPSTREAM_ERROR, e.g. DCS.5000): it was most
 * likely not applied, but a failing cloud is worth checking. Null for other errors.
 */
export function stopCloudErrorNote(error: unknown): string | null {
  if (!isApiError(error) || error.code !== 'UPSTREAM_ERROR') return null;
  return translate('stop', 'cloudErrorNote');
}

/** What an unknown outcome means, in the current language. */
export const stopOutcomeUnknownText = () => translate('stop', 'outcomeUnknownText');
