// What each error code means for the operator, in plain language and the interface's language
// (the `errors` catalogue holds one explanation per code: console, stop-when-caught-up and the
// codes the page makes itself).
import { translate } from '../i18n';
import { en } from '../i18n/messages/en';

type ErrorKey = keyof typeof en.errors;

const isCode = (code: string): code is ErrorKey => /^[A-Z][A-Z_]+$/.test(code) && Object.hasOwn(en.errors, code);

// The console retries reads of the cloud, never writes: after a write these codes say it was sent once.
const AFTER_WRITE: Partial<Record<ErrorKey, ErrorKey>> = {
  UPSTREAM_ERROR: 'upstreamErrorNotRetried',
  UPSTREAM_UNREACHABLE: 'upstreamUnreachableNotRetried',
};

/** `request`: what failed; a `write` (a stop) is never retried, which the explanation must not contradict. */
export function errorHint(code: string, request: 'read' | 'write' = 'read'): string | null {
  if (!isCode(code)) return null;
  return translate('errors', (request === 'write' && AFTER_WRITE[code]) || code);
}
