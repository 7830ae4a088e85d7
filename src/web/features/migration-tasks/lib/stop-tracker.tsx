// Tasks this browser tab asked to stop, followed until they settle so the operator hears
// "has stopped" exactly once, wherever they are in the app (whichever target they look at).
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { TaskRef } from '../api/query-keys';

export interface StopEntry extends TaskRef {
  name: string;
  requestedAt: number;
  /** Set once the task settled (or vanished): the status it settled in. */
  settledStatus?: string | null;
  settledAt?: number;
  lost?: boolean;
}

/** Entries are keyed by target and task: the same task id may exist in two regions. */
export const stopKey = ({ targetId, taskId }: TaskRef) => `${targetId}/${taskId}`;

export interface StopTracker {
  track(entry: Pick<StopEntry, 'targetId' | 'taskId' | 'name'>): void;
  /** Marks a followed task settled. True only the first time, so callers notify once. */
  settle(ref: TaskRef, outcome: { status: string | null | undefined; lost?: boolean }): boolean;
  subscribe(listener: () => void): () => void;
  getSnapshot(): ReadonlyMap<string, StopEntry>;
}

export function createStopTracker(): StopTracker {
  let entries: ReadonlyMap<string, StopEntry> = new Map();
  const listeners = new Set<() => void>();
  const set = (entry: StopEntry) => {
    const next = new Map(entries);
    next.set(stopKey(entry), entry);
    entries = next;
    listeners.forEach((l) => l());
  };
  return {
    track: ({ targetId, taskId, name }) => set({ targetId, taskId, name, requestedAt: Date.now() }),
    settle: (ref, { status, lost }) => {
      const entry = entries.get(stopKey(ref));
      if (!entry || entry.settledAt !== undefined) return false;
      set({ ...entry, settledStatus: status ?? null, settledAt: Date.now(), lost });
      return true;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => entries,
  };
}

const StopTrackerContext = createContext<StopTracker | null>(null);

export function StopTrackerProvider({ children, tracker: given }: { children: ReactNode; tracker?: StopTracker }) {
  const [tracker] = useState(() => given ?? createStopTracker());
  return <StopTrackerContext.Provider value={tracker}>{children}</StopTrackerContext.Provider>;
}

export function useStopTracker(): StopTracker {
  const tracker = useContext(StopTrackerContext);
  if (!tracker) throw new Error('useStopTracker needs a StopTrackerProvider');
  return tracker;
}

export function useStopEntries(): ReadonlyMap<string, StopEntry> {
  const tracker = useStopTracker();
  return useSyncExternalStore(tracker.subscribe, tracker.getSnapshot, tracker.getSnapshot);
}

export function useStopEntry(ref: TaskRef): StopEntry | undefined {
  return useStopEntries().get(stopKey(ref));
}
