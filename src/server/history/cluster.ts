// The progress history of several console instances on one database: each target's tasks are
// sampled by one instance for the whole cluster, and every instance serves every history.
// - Each background tick, every instance takes or renews the lead of the targets that are free,
//   expired or its own (a lease of LEASE_TICKS intervals in history_leader). The first to come
//   leads; a live leader renews one interval before its lease ends, so it never loses a target.
// - The leader keeps a target's history in memory exactly as a single console does (its samples,
//   its background sampling), mirrored to the shared store. A newly led target is loaded from there.
// - The others only note which tasks their users read (the leader samples those too) and answer
//   GET …/history from the store, at most HISTORY_FLUSH_INTERVAL_MS behind the leader.
// - A leader killed outright leaves its lease to expire: another instance takes the target over at
//   its next tick, within LEASE_TICKS + 1 intervals (45 s by default); a clean shutdown resigns.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { HISTORY_VIEW_WINDOW_S } from '../../api/rules/history';
import type { HistoryShard, ProgressHistory } from './progress-history';
import { historyBody, type HistoryBody } from './samples';
import type { SharedHistoryStore } from './shared-store';

/** A lead lasts this many background intervals; it is renewed every interval. */
export const LEASE_TICKS = 2;

export class HistoryCluster implements HistoryShard {
  private led = new Set<string>();
  readonly instanceId = randomUUID();

  constructor(
    private readonly store: SharedHistoryStore,
    private readonly history: ProgressHistory,
    private readonly targetIds: () => readonly string[],
    private readonly log: FastifyBaseLogger,
  ) {}

  leads(target: string): boolean {
    return this.led.has(target);
  }

  viewed(target: string, taskId: string, atMs: number): void {
    this.store.noteViewed(target, taskId, atMs);
  }

  /** The targets this instance leads now. */
  get leading(): string[] {
    return [...this.led].sort();
  }

  /**
   * Called each background tick, before sampling: writes what was collected, renews or takes the
   * leads, loads the history of newly led targets, lets go of lost ones, and takes in the tasks read
   * through other instances. With the database unreachable this instance leads nothing (it could not
   * write what it sampled), and the others take over once its leases expire.
   */
  async sync(intervalMs: number): Promise<void> {
    const nowMs = this.history.now();
    let led: Set<string>;
    try {
      await this.store.flush();
      led = await this.store.lead(this.targetIds(), this.instanceId, nowMs, LEASE_TICKS * intervalMs);
      for (const target of led) {
        if (!this.led.has(target)) this.history.adopt(target, await this.store.loadTarget(target));
      }
    } catch (error) {
      this.log.warn({ event: 'history.lead_failed', reason: (error as Error).message }, 'progress history: the shared database did not answer; this instance samples no target until it does');
      led = new Set();
    }
    for (const target of this.led) if (!led.has(target)) this.history.release(target);
    const gained = [...led].filter((target) => !this.led.has(target));
    this.led = led;
    if (gained.length > 0) this.log.info({ event: 'history.lead_taken', targets: gained, instance: this.instanceId }, 'this instance now samples the progress history of these targets');
    if (led.size === 0) return;
    try {
      for (const view of await this.store.viewedSince([...led], nowMs - HISTORY_VIEW_WINDOW_S * 1000)) this.history.viewedElsewhere(view.target, view.taskId, view.viewedMs);
    } catch (error) {
      this.log.warn({ event: 'history.views_failed', reason: (error as Error).message }, 'progress history: the tasks read through other instances could not be read');
    }
  }

  /** A task's history as the shared store holds it (a target another instance leads). */
  async read(target: string, taskId: string, sinceIso: string | undefined): Promise<HistoryBody> {
    const shared = await this.store.read(target, taskId);
    return historyBody(target, taskId, shared?.samples ?? [], shared?.status ?? null, shared?.noStats ?? false, sinceIso);
  }

  /** A clean shutdown: what is collected is written and the leads are given up at once. */
  async resign(): Promise<void> {
    this.led = new Set();
    await this.store.flush();
    await this.store.resign(this.instanceId).catch(() => undefined);
  }
}
