import { lazy, Suspense } from 'react';
import { loadNotifications, useNotificationsWanted } from '../lib/notify';

const Notifications = lazy(() => loadNotifications().then((m) => ({ default: m.Notifications })));

/** Mantine's notification container, mounted after the first notification is asked for. */
export function LazyNotifications() {
  const wanted = useNotificationsWanted();
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Notifications position="bottom-right" limit={5} />
    </Suspense>
  );
}
