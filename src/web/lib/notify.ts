// In-app notifications, loaded on first use: most visits never show one, so Mantine's
// notifications (and their styles) stay out of the first download. Calls made before the module
// has arrived are applied in order once it has.
import type * as NotificationsModule from '@mantine/notifications';
import type { NotificationData } from '@mantine/notifications';
import { useSyncExternalStore } from 'react';
import { translate } from '../i18n/translate';

type Module = typeof NotificationsModule;
let loading: Promise<Module> | null = null;
let loaded: Module | null = null;
let wanted = false;
const listeners = new Set<() => void>();

function load(): Promise<Module> {
  if (!loading) {
    loading = import('./notifications-module').then((m) => (loaded = m));
    wanted = true;
    listeners.forEach((listener) => listener());
  }
  return loading;
}

/** Runs at once when the module is here (keeps the order of calls), else when it arrives. */
function withModule(call: (m: Module) => void): void {
  if (loaded) call(loaded);
  else void load().then(call);
}

/**
 * What every notification gets unless the caller says otherwise: a named close button (Mantine's
 * has no name) and the theme's dimmed colour for the text (Mantine's grey is 3.3:1 on white,
 * under WCAG AA; the theme's dimmed passes in both schemes).
 */
export function withAccessibleDefaults<T extends NotificationData>(data: T): T {
  return {
    ...data,
    closeButtonProps: { 'aria-label': translate('common', 'closeNotification'), ...data.closeButtonProps },
    styles: data.styles ?? { description: { color: 'var(--mantine-color-dimmed)' } },
  };
}

/** Same calls as Mantine's `notifications`, fire and forget. */
export const notify = {
  show(data: NotificationData): void {
    withModule((m) => m.notifications.show(withAccessibleDefaults(data)));
  },
  update(data: NotificationData & { id: string }): void {
    withModule((m) => m.notifications.update(withAccessibleDefaults(data)));
  },
  hide(id: string): void {
    // Nothing can be showing before the module has loaded: no need to load it to hide.
    if (loading) withModule((m) => m.notifications.hide(id));
  },
};

/** True once something has been notified: the container mounts then (see LazyNotifications). */
export function useNotificationsWanted(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => wanted,
    () => wanted,
  );
}

export const loadNotifications = load;

/** The module once it has arrived, else null. */
export const loadedNotifications = (): Module | null => loaded;
