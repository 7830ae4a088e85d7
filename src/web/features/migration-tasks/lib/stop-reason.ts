// The optional reason of a stop, as the dialog checks it before sending.
import { findInvisible, STOP_REASON_MAX } from '../../../../api/rules';
import { translate } from '../../../i18n';

/** Why a reason cannot be sent, or null. The server applies the same rule (stopReasonSchema, built from the same constants). */
export function reasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  if (length > STOP_REASON_MAX) return translate('stop', 'reasonTooLong', { max: STOP_REASON_MAX, count: length });
  const invisible = findInvisible(reason, true);
  if (invisible) return translate('stop', 'reasonForbidden', { ...invisible });
  return null;
}

/** The reason is one line in the audit trail: line breaks and tabs become spaces as they are typed or pasted. */
export const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, ' ');
