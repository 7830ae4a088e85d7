// Why Stop is not offered, in words. Status names and colours are shared: src/web/lib/status-display.ts.
import { statusPhase } from '../../../../api/rules';
import { translate } from '../../../i18n';

/** Why Stop is not offered for a status, in the current language; null when it is. */
export function stopUnavailableText(status: string | null | undefined): string | null {
  const phase = statusPhase(status);
  if (phase === 'migrating') return null;
  if (phase === 'unknown') return translate('stop', 'unavailable_unknown', { status: status ?? '' });
  return translate('stop', `unavailable_${phase}`);
}
