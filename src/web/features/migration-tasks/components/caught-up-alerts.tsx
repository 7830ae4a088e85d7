// Mounted once in the layout: while browser notifications are on, loads the watcher that tells
// the operator when a stop-when-caught-up watch ends, even when its task page is closed.
import { lazy, Suspense } from 'react';
import { useSystemNotificationsState } from '../lib/system-notifications';

const CaughtUpEndings = lazy(() => import('./caught-up-endings').then((m) => ({ default: m.CaughtUpEndings })));

export function CaughtUpAlerts() {
  return useSystemNotificationsState() === 'on' ? (
    <Suspense fallback={null}>
      <CaughtUpEndings />
    </Suspense>
  ) : null;
}
