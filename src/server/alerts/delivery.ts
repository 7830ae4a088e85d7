// Sends what the outbox holds, in the background, never on a request's path: each tick takes the due
// rows of the webhooks this instance knows, claims each with a lease (a conditional update: one
// instance wins), POSTs it with a timeout, and writes the outcome. A failure is tried again with
// exponential backoff (5 s, 10 s, 20 s … at most 2 min apart) for DELIVERY_WINDOW_MS from the event,
// then given up (state failed). An instance killed mid-send leaves its lease to expire; another then
// sends the row again, so a receiver may, rarely, see an event twice: the `id` tells it so.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../dcs/clock';
import type { AlertWebhook } from '../config';
import type { AlertsReadiness } from '../health/readiness';
import type { ConsoleMetrics } from '../metrics';
import type { AlertEvent } from './event';
import { refusalIn, renderAlert, type AlertRequest } from './formats';
import type { AlertStore, OutboxRow, Settlement } from './outbox-store';

export const DELIVERY_WINDOW_MS = 10 * 60_000;
export const FIRST_RETRY_MS = 5000;
export const MAX_RETRY_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_INTERVAL_MS = 2000;
const ROWS_PER_TICK = 20;
const CONCURRENT_SENDS = 4;
/** Longer than any send can last: only a dead sender's lease runs out. */
const LEASE_MARGIN_MS = 30_000;
const PURGE_EVERY_MS = 3_600_000;
const READINESS_WINDOW_MS = 86_400_000;

export interface DeliveryOptions {
  store: AlertStore;
  webhooks: readonly AlertWebhook[];
  log: FastifyBaseLogger;
  now: Clock;
  metrics: Pick<ConsoleMetrics, 'alertSent'> | null;
  /** lease_owner of this instance. */
  instanceId: string;
  /** How often due rows are looked for; 0: only by tick() (tests). */
  intervalMs: number;
  /** How long one POST may take. */
  timeoutMs: number;
}

type Outcome = { ok: true } | { ok: false; error: string; retryable: boolean };

/** Wait before attempt n + 1, after n failed ones. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failedAttempts - 1));
}

export class AlertDelivery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private lastPurgeMs = Number.NEGATIVE_INFINITY;
  private readonly byId: ReadonlyMap<string, AlertWebhook>;

  constructor(private readonly options: DeliveryOptions) {
    this.byId = new Map(options.webhooks.map((webhook) => [webhook.id, webhook]));
  }

  start(): void {
    if (this.options.intervalMs <= 0 || this.timer || this.closed) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
    void this.tick(); // rows left by a previous run go out now, not an interval later
  }

  /** A new row: send it now rather than at the next tick (with a timer; tests tick themselves). */
  kick(): void {
    if (this.timer) void this.tick();
  }

  /** Sends what is due; a tick already running is joined and runs once more, so nothing enqueued meanwhile waits. */
  tick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.sendDue();
      } while (this.again && !this.closed);
    })()
      .catch((error: unknown) => this.options.log.error({ event: 'alerts.tick_failed', err: error }, 'the alert delivery tick failed; the next one tries again'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.options.store.release(this.options.instanceId).catch(() => undefined);
  }

  /** Per webhook, from the shared outbox: whether its latest attempt failed, what waits, what was given up. */
  async readiness(): Promise<AlertsReadiness> {
    const since = iso(this.options.now() - READINESS_WINDOW_MS);
    const webhooks = await Promise.all(
      this.options.webhooks.map(async (webhook) => {
        const record = await this.options.store.webhookRecord(webhook.id, since);
        return {
          id: webhook.id,
          format: webhook.format,
          host: webhook.url.host,
          healthy: record.lastAttempt?.error == null,
          pending: record.pending,
          given_up_24h: record.givenUpSince,
          last_attempt_at: record.lastAttempt?.at ?? null,
          last_error: record.lastAttempt?.error ?? null,
        };
      }),
    );
    return { webhooks };
  }

  private async sendDue(): Promise<void> {
    const { store, now } = this.options;
    const nowMs = now();
    if (nowMs - this.lastPurgeMs >= PURGE_EVERY_MS) {
      this.lastPurgeMs = nowMs;
      await store.purge(nowMs);
    }
    const queue = await store.due([...this.byId.keys()], iso(nowMs), ROWS_PER_TICK);
    const worker = async () => {
      for (let row = queue.shift(); row && !this.closed; row = queue.shift()) await this.deliver(row);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_SENDS, queue.length) }, worker));
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { store, now, instanceId, timeoutMs, log } = this.options;
    const webhook = this.byId.get(row.webhook_id)!;
    const startMs = now();
    if (!(await store.claim(row, instanceId, iso(startMs), iso(startMs + timeoutMs + LEASE_MARGIN_MS)))) return;
    const event = JSON.parse(row.body) as AlertEvent;
    const outcome = await post(renderAlert(webhook, event, startMs), webhook, timeoutMs);
    const endMs = now();
    const attempts = row.attempts + 1;
    const context = { webhook: webhook.id, format: webhook.format, host: webhook.url.host, alert_event: event.event, alert_id: event.id, attempts };
    let settlement: Settlement;
    let result: 'sent' | 'retry' | 'failed';
    if (outcome.ok) {
      result = 'sent';
      settlement = { state: 'sent', attempts, next_attempt_at: row.next_attempt_at, last_attempt_at: iso(endMs), last_error: null, finished_at: iso(endMs) };
      log.info({ event: 'alerts.sent', ...context }, `alert ${event.event} sent to the ${webhook.format} webhook on ${webhook.url.host}`);
    } else {
      const nextMs = endMs + retryDelayMs(attempts);
      const giveUp = !outcome.retryable || nextMs > Date.parse(row.created_at) + DELIVERY_WINDOW_MS;
      result = giveUp ? 'failed' : 'retry';
      settlement = giveUp
        ? { state: 'failed', attempts, next_attempt_at: row.next_attempt_at, last_attempt_at: iso(endMs), last_error: outcome.error, finished_at: iso(endMs) }
        : { state: 'pending', attempts, next_attempt_at: iso(nextMs), last_attempt_at: iso(endMs), last_error: outcome.error, finished_at: null };
      const detail = { ...context, error: outcome.error };
      if (giveUp) log.warn({ event: 'alerts.gave_up', ...detail }, `alert ${event.event} to the ${webhook.format} webhook on ${webhook.url.host} given up: ${outcome.error}`);
      else log.info({ event: 'alerts.retry', ...detail, retry_at: settlement.next_attempt_at }, `alert ${event.event} to the ${webhook.format} webhook failed (${outcome.error}); trying again`);
    }
    if (!(await store.settle(row.id, instanceId, settlement))) {
      log.warn({ event: 'alerts.settle_lost', ...context }, 'an alert send outlasted its lease; another instance took the row over');
      return;
    }
    this.options.metrics?.alertSent(webhook.format, event.event, result);
  }
}

/** One POST; redirects are not followed (the body may hold a signature meant for this URL only). */
async function post(request: AlertRequest, webhook: AlertWebhook, timeoutMs: number): Promise<Outcome> {
  try {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    if (response.status >= 200 && response.status < 300) {
      const refusal = refusalIn(webhook, text);
      return refusal ? { ok: false, error: refusal, retryable: true } : { ok: true };
    }
    const retryable = response.status === 408 || response.status === 425 || response.status === 429 || response.status >= 500;
    const note = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : retryable ? '' : ' (not retried)';
    return { ok: false, error: `HTTP ${response.status}${note}`, retryable };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: `no answer within ${timeoutMs} ms`, retryable: true };
    // Only the error code: undici's messages can quote the address.
    const code = ((error as { cause?: { code?: unknown } }).cause?.code as string | undefined) ?? null;
    return { ok: false, error: code ? `connection failed (${String(code).slice(0, 40)})` : 'connection failed', retryable: true };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
