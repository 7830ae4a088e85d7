// Readiness: can the console do its job right now? Every DCS target is asked for a list of one
// task (one attempt, a short timeout). The verdict is cached for `cacheMs`, and probes that arrive
// while one is running share it, so a load balancer probing every second costs the cloud at most
// one read per target per `cacheMs`.
import { performance } from 'node:perf_hooks';
import type { Readiness, StoreReadiness, TargetReadiness } from '../../api/readiness';
import type { Clock } from '../../dcs/clock';
import { fromUpstreamError } from '../errors';
import type { TargetRegistry } from '../targets/registry';
import { DcsUpstreamError } from '../upstream/dcs-client';

export interface ReadinessOptions {
  /** How long a verdict is reused (default 5 s). */
  cacheMs?: number;
  /** Upper bound of one probe; the target's DCS_TIMEOUT_MS when that is shorter (default 2 s). */
  probeTimeoutMs?: number;
  /** Ages the verdict: default a monotonic clock; tests pass their ManualClock. */
  now?: Clock;
}

/** The store readiness asks for a trivial query (SqlAuditStore). */
export interface ProbedStore {
  dialect: StoreReadiness['kind'];
  probe(timeoutMs: number): Promise<void>;
}

/** One alert webhook as its latest attempts left it (alerts/delivery.ts). */
export interface WebhookReadiness {
  id: string;
  format: string;
  host: string;
  /** false: its latest attempt failed. */
  healthy: boolean;
  pending: number;
  given_up_24h: number;
  last_attempt_at: string | null;
  /** Why the latest attempt failed (status, code, timeout): never the URL or the secret. */
  last_error: string | null;
}

/** Alerts are reported, never judged: a failing webhook does not make the console unready. */
export interface AlertsReadiness {
  webhooks: WebhookReadiness[];
  /** The outbox could not be read. */
  error?: string;
}

export interface AlertsHealth {
  readiness(): Promise<AlertsReadiness>;
}

export class ReadinessCheck {
  private cached: { at: number; value: Readiness & { alerts?: AlertsReadiness } } | null = null;
  private running: Promise<Readiness & { alerts?: AlertsReadiness }> | null = null;
  private readonly cacheMs: number;
  private readonly probeTimeoutMs: number;
  private readonly now: Clock;

  constructor(
    private readonly targets: TargetRegistry,
    options: ReadinessOptions = {},
    private readonly store: ProbedStore | null = null,
    private readonly alerts: AlertsHealth | null = null,
  ) {
    this.cacheMs = options.cacheMs ?? 5000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2000;
    this.now = options.now ?? (() => performance.now());
  }

  check(): Promise<Readiness & { alerts?: AlertsReadiness }> {
    if (this.cached && this.now() - this.cached.at < this.cacheMs) return Promise.resolve(this.cached.value);
    this.running ??= this.probeAll()
      .then((value) => {
        this.cached = { at: this.now(), value };
        return value;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async probeAll(): Promise<Readiness & { alerts?: AlertsReadiness }> {
    const [results, store, alerts] = await Promise.all([
      Promise.all(this.targets.clients().map(({ id, client }) => this.probe(id, (ms) => client.probe(ms)))),
      this.probeStore(),
      this.alertsDetail(),
    ]);
    const ready = results.every((r) => r.reachable) && (store?.reachable ?? true);
    return { status: ready ? 'ready' : 'not_ready', targets: results, ...(store ? { store } : {}), ...(alerts ? { alerts } : {}) };
  }

  /** A detail only: the verdict above never depends on it. */
  private async alertsDetail(): Promise<AlertsReadiness | null> {
    if (!this.alerts) return null;
    try {
      return await this.alerts.readiness();
    } catch (error) {
      return { webhooks: [], error: (error as Error).message.slice(0, 200) };
    }
  }

  private async probeStore(): Promise<StoreReadiness | null> {
    if (!this.store) return null;
    const started = performance.now();
    try {
      await this.store.probe(this.probeTimeoutMs);
      return { kind: this.store.dialect, reachable: true, latency_ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { kind: this.store.dialect, reachable: false, error: (error as Error).message.slice(0, 200) };
    }
  }

  private async probe(id: string, read: (timeoutMs: number) => Promise<void>): Promise<TargetReadiness> {
    const started = performance.now();
    try {
      await read(this.probeTimeoutMs);
      return { id, reachable: true, latency_ms: Math.round(performance.now() - started) };
    } catch (error) {
      const code = error instanceof DcsUpstreamError ? fromUpstreamError(error, 'list').code : 'INTERNAL';
      return { id, reachable: false, error_code: code };
    }
  }
}
