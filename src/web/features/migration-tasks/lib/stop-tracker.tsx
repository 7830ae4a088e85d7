// Tasks this browser tab asked to stop, followed until they settle so the operator hears
// "has stopped" exactly once, wherever they are in the app (whichever target they look at).
// A stop whose answer was lost (timeout, dropped connection) is followed too, until a fresh read
// of the task tells whether the cloud applied it.
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { translate } from '../../../i18n';
import type { TaskRef } from '../api/query-keys';

/**
 * accepted: the cloud accepted the stop. unknown: sent, but its answer was lost. applied /
 * not-applied: what a fresh read of the task showed after an unknown outcome.
 */
export type StopOutcome = 'accepted' | 'unknown' | 'applied' | 'not-applied';

export interface StopEntry extends TaskRef {
  name: string;
  requestedAt: number;
  outcome: StopOutcome;
  /** Sent as part of a batch stop: that batch's one notification tells how it ended, not this entry's own. */
  batchId?: string;
  /** With an unknown outcome: when the answer was lost. Only reads finished later tell the outcome. */
  unknownSince?: number;
  /** When a fresh read told the outcome of an unknown stop, and the status it read. */
  learnedAt?: number;
  learnedStatus?: string | null;
  /** Set once the task settled (or vanished), or the stop proved not applied: the status then. */
  settledStatus?: string | null;
  settledAt?: number;
  lost?: boolean;
}

/** Entries are keyed by target and task: the same task id may exist in two regions. */
export const stopKey = ({ targetId, taskId }: TaskRef) => `${targetId}/${taskId}`;

type NewEntry = Pick<StopEntry, 'targetId' | 'taskId' | 'name' | 'batchId'> & { requestedAt?: number };

export interface StopTracker {
  track(entry: NewEntry): void;
  /** A stop sent whose answer was lost: follow the task until a fresh read tells what happened. */
  trackUnknown(entry: NewEntry): void;
  /** What a fresh read showed for an unknown stop. True only the first time, so callers notify once. */
  learn(ref: TaskRef, outcome: { applied: boolean; status: string | null | undefined }): boolean;
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
  const pending = (ref: TaskRef) => {
    const entry = entries.get(stopKey(ref));
    return entry && entry.settledAt === undefined ? entry : undefined;
  };
  return {
    track: ({ targetId, taskId, name, batchId, requestedAt }) =>
      set({ targetId, taskId, name, batchId, requestedAt: requestedAt ?? Date.now(), outcome: 'accepted' }),
    trackUnknown: ({ targetId, taskId, name, batchId, requestedAt }) => {
      const now = Date.now();
      set({ targetId, taskId, name, batchId, requestedAt: requestedAt ?? now, outcome: 'unknown', unknownSince: now });
    },
    learn: (ref, { applied, status }) => {
      const entry = pending(ref);
      if (!entry || entry.outcome !== 'unknown') return false;
      const now = Date.now();
      const learned = { ...entry, learnedAt: now, learnedStatus: status ?? null };
      // Not applied: nothing more to follow, and Stop is offered again.
      set(applied ? { ...learned, outcome: 'applied' } : { ...learned, outcome: 'not-applied', settledStatus: status ?? null, settledAt: now });
      return true;
    },
    settle: (ref, { status, lost }) => {
      const entry = pending(ref);
      if (!entry) return false;
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

/** Why Stop must not be offered for a task because of a stop this tab sent, or null. */
export function stopBlockedReason(entry: StopEntry | undefined): string | null {
  return entry?.outcome === 'unknown' && entry.settledAt === undefined
    ? translate('stop', 'blockedUnknownOutcome')
    : null;
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
