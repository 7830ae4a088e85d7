// The console's Prometheus metrics, in a registry of their own per app (never prom-client's global
// one, so several apps can live in one process). Labels are bounded: routes are templates
// (`/api/migration-tasks/:taskId`, never a raw URL), targets are the configured ids, operations and
// outcomes are fixed names, error codes are the console's codes.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DcsObserver } from './upstream/cached-reads';

/** The route label of requests that matched no route (404s, the SPA's client-side paths). */
export const UNMATCHED_ROUTE = 'unmatched';

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const UPSTREAM_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class ConsoleMetrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered by the console, by route template, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: this.registers,
  });
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by route template and method.',
    labelNames: ['route', 'method'] as const,
    buckets: HTTP_BUCKETS,
    registers: this.registers,
  });
  private readonly upstreamRequests = new Counter({
    name: 'dcs_upstream_requests_total',
    help: 'Attempts sent to the DCS API (each retry counts), by target, operation and outcome (ok, http_4xx, http_5xx, timeout, unreachable, bad_response).',
    labelNames: ['target', 'operation', 'outcome'] as const,
    registers: this.registers,
  });
  private readonly upstreamDuration = new Histogram({
    name: 'dcs_upstream_request_duration_seconds',
    help: 'Duration of one attempt sent to the DCS API, by target and operation.',
    labelNames: ['target', 'operation'] as const,
    buckets: UPSTREAM_BUCKETS,
    registers: this.registers,
  });
  private readonly cacheHits = new Counter({
    name: 'dcs_cache_hits_total',
    help: 'Reads answered from the short upstream cache (DCS_CACHE_TTL_MS), by target and operation.',
    labelNames: ['target', 'operation'] as const,
    registers: this.registers,
  });
  private readonly cacheMisses = new Counter({
    name: 'dcs_cache_misses_total',
    help: 'Reads the upstream cache could not answer (sent, or shared with a read in flight), by target and operation.',
    labelNames: ['target', 'operation'] as const,
    registers: this.registers,
  });
  private readonly coalesced = new Counter({
    name: 'dcs_coalesced_requests_total',
    help: 'Reads served by an identical upstream call already in flight, by target and operation.',
    labelNames: ['target', 'operation'] as const,
    registers: this.registers,
  });
  private readonly consoleErrors = new Counter({
    name: 'console_errors_total',
    help: 'Error answers of the console, by console error code (INVALID_QUERY, UPSTREAM_TIMEOUT, ...).',
    labelNames: ['code'] as const,
    registers: this.registers,
  });

  private readonly alertsSent = new Counter({
    name: 'dcs_console_alerts_sent_total',
    help: 'Alert webhook calls, by format, event and outcome (sent, retry: failed and tried again, failed: given up).',
    labelNames: ['format', 'event', 'outcome'] as const,
    registers: this.registers,
  });
  private alertQueueSource: (() => Promise<number>) | null = null;
  private readonly alertQueue = new Gauge({
    name: 'dcs_console_alert_queue_depth',
    help: 'Alerts waiting to be sent (the outbox, shared by every instance on one database).',
    registers: this.registers,
    collect: async () => {
      if (this.alertQueueSource) this.alertQueue.set(await this.alertQueueSource().catch(() => Number.NaN));
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  alertSent(format: string, event: string, outcome: 'sent' | 'retry' | 'failed'): void {
    this.alertsSent.inc({ format, event, outcome });
  }

  /** Where dcs_console_alert_queue_depth is read from at each scrape. */
  alertQueueDepth(source: () => Promise<number>): void {
    this.alertQueueSource = source;
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.httpRequests.inc({ route, method, status: String(status) });
    this.httpDuration.observe({ route, method }, seconds);
  }

  consoleError(code: string): void {
    this.consoleErrors.inc({ code });
  }

  /** What one target's DCS client reports. */
  dcsObserver(target: string): DcsObserver {
    return {
      upstream: (operation, outcome, seconds) => {
        this.upstreamRequests.inc({ target, operation, outcome });
        this.upstreamDuration.observe({ target, operation }, seconds);
      },
      cache: (operation, result) => (result === 'hit' ? this.cacheHits : this.cacheMisses).inc({ target, operation }),
      coalesced: (operation) => this.coalesced.inc({ target, operation }),
    };
  }

  /** The text exposition format, and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
