// Tasks this browser tab asked to stop, followed until they settle so the operator hears
// "has stopped" exactly once, wherever they are in the app.
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';

export interface StopEntry {
  taskId: string;
  name: string;
  requestedAt: number;
  /** Set once the task settled (or vanished): the status it settled in. */
  settledStatus?: string | null;
  settledAt?: number;
  lost?: boolean;
}

export interface StopTracker {
  track(entry: Pick<StopEntry, 'taskId' | 'name'>): void;
  /** Marks a followed task settled. True only the first time, so callers notify once. */
  settle(taskId: string, outcome: { status: string | null | undefined; lost?: boolean }): boolean;
  subscribe(listener: () => void): () => void;
  getSnapshot(): ReadonlyMap<string, StopEntry>;
}

export function createStopTracker(): StopTracker {
  let entries: ReadonlyMap<string, StopEntry> = new Map();
  const listeners = new Set<() => void>();
  const set = (entry: StopEntry) => {
    const next = new Map(entries);
    next.set(entry.taskId, entry);
    entries = next;
    listeners.forEach((l) => l());
  };
  return {
    track: ({ taskId, name }) => set({ taskId, name, requestedAt: Date.now() }),
    settle: (taskId, { status, lost }) => {
      const entry = entries.get(taskId);
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

export function useStopEntry(taskId: string): StopEntry | undefined {
  return useStopEntries().get(taskId);
}
