// Browser (system) notifications, strictly opt-in: permission is asked only when the operator
// turns them on, never on load. The choice is kept in localStorage; a permission the browser
// denies is respected (the control then explains how to allow it in the browser).
import { useSyncExternalStore } from 'react';

export const SYSTEM_NOTIFICATIONS_KEY = 'dcs-console.system-notifications';

/** unsupported: no Notification API; denied: blocked by the browser; off / on: the operator's choice. */
export type SystemNotificationsState = 'unsupported' | 'denied' | 'off' | 'on';

const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

function api(): typeof Notification | null {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification : null;
}

function optedIn(): boolean {
  try {
    return window.localStorage.getItem(SYSTEM_NOTIFICATIONS_KEY) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean) {
  try {
    if (on) window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    else window.localStorage.removeItem(SYSTEM_NOTIFICATIONS_KEY);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

export function systemNotificationsState(): SystemNotificationsState {
  const notification = api();
  if (!notification) return 'unsupported';
  if (notification.permission === 'denied') return 'denied';
  return notification.permission === 'granted' && optedIn() ? 'on' : 'off';
}

/** Asks the browser's permission (only now, on the operator's request) and turns them on if granted. */
export async function enableSystemNotifications(): Promise<SystemNotificationsState> {
  const notification = api();
  if (!notification) return 'unsupported';
  const permission = notification.permission === 'granted' ? 'granted' : await notification.requestPermission();
  remember(permission === 'granted');
  emit();
  return systemNotificationsState();
}

export function disableSystemNotifications(): void {
  remember(false);
  emit();
}

/** Shows a system notification when the operator turned them on and the browser allows it; else nothing. */
export function showSystemNotification(title: string, body: string, tag: string): void {
  const notification = api();
  if (!notification || systemNotificationsState() !== 'on') return;
  try {
    new notification(title, { body, tag });
  } catch {
    // Some browsers allow notifications only from a service worker: the in-app one still shows.
  }
}

export function useSystemNotificationsState(): SystemNotificationsState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    systemNotificationsState,
    systemNotificationsState,
  );
}
