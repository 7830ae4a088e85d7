import { useSyncExternalStore } from 'react';

// Shared clocks for relative times and countdowns: one timer per tick length, running only while
// something shows a time that needs it (every 30 s for "5 minutes ago", every 1 s for "42 s ago").
interface Clock {
  subscribe(listener: () => void): () => void;
  getSnapshot(): number;
}

const clocks = new Map<number, Clock>();

function clock(tickMs: number): Clock {
  const existing = clocks.get(tickMs);
  if (existing) return existing;
  let now = Date.now();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const created: Clock = {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          listeners.forEach((l) => l());
        }, tickMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    getSnapshot: () => now,
  };
  clocks.set(tickMs, created);
  return created;
}

/** The current time, updated every `tickMs` (30 s by default). */
export function useNow(tickMs = 30_000): number {
  const { subscribe, getSnapshot } = clock(tickMs);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
