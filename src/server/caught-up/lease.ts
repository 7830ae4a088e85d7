// How long an instance holds a watch it runs. Several consoles share one database; each watch is
// polled by the one instance holding its lease (lease_owner, lease_until on the app clock), which
// renews it whenever it polls. The numbers, for a watch polled every P seconds by a ticker of T ms:
// - a poll lease lasts P + T: the holder's next poll is due P after the last one and is taken up to
//   half a tick early, so it renews with T/2 to spare, and a live holder never loses its watch;
// - a holder killed right after renewing leaves a lease that expires P + T later; another instance
//   sees it at its next tick, so it takes the watch over within P + 2T, at most two poll intervals
//   as long as T ≤ P/2 (T = 1 s, P ≥ 2 s);
// - while its stop is being sent the watch holds a longer lease, longer than any stop call can last
//   (DCS_TIMEOUT_MS ≤ 120 s, a stop is sent once): only after it may another instance declare the
//   sender dead and fail the watch (CONSOLE_RESTARTED).
import type { CaughtUpWatch } from '../../api/caught-up';

export const STOPPING_LEASE_MS = 5 * 60_000;

export interface Lease {
  owner: string;
  /** ISO 8601 UTC on the app clock. */
  until: string;
}

export function pollLease(owner: string, watch: CaughtUpWatch, nowMs: number, tickMs: number): Lease {
  return { owner, until: new Date(nowMs + watch.poll_interval_s * 1000 + tickMs).toISOString() };
}

export function stoppingLease(owner: string, nowMs: number): Lease {
  return { owner, until: new Date(nowMs + STOPPING_LEASE_MS).toISOString() };
}
