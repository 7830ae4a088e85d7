import { lazy, Suspense } from 'react';
import { loadedNotifications, loadNotifications, useNotificationsWanted } from '../lib/notify';

const Notifications = lazy(() => loadNotifications().then((m) => ({ default: m.Notifications })));

/** Mantine's notification container, mounted after the first notification is asked for. */
export function LazyNotifications() {
  const wanted = useNotificationsWanted();
  if (!wanted) return null;
  // Already here (an earlier notification, or loaded ahead): mount it in this render rather than
  // suspending for a module that needs no fetching.
  const Loaded = loadedNotifications()?.Notifications;
  if (Loaded) return <Loaded position="bottom-right" limit={5} />;
  return (
    <Suspense fallback={null}>
      <Notifications position="bottom-right" limit={5} />
    </Suspense>
  );
}
