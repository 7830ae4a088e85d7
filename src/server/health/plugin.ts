// The health slice: `GET /healthz` (public) and `GET /readyz` (public unless METRICS_TOKEN is set).
// It declares what it needs: the targets whose DCS clients readiness probes, the store it asks too, how long a verdict is
// cached, and the bearer token readiness asks for.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TargetRegistry } from '../targets/registry';
import { ReadinessCheck, type AlertsHealth, type ProbedStore, type ReadinessOptions } from './readiness';
import { healthRoutes } from './routes';

export interface HealthPluginOptions {
  targets: TargetRegistry;
  readiness?: ReadinessOptions;
  /** METRICS_TOKEN: the bearer token GET /readyz requires; null or absent: public. */
  metricsToken?: string | null;
  /** Where the records live (the audit store), when it can be probed. */
  store?: ProbedStore | null;
  /** Alert webhooks, reported in /readyz without deciding it; null or absent: none. */
  alerts?: AlertsHealth | null;
}

export const healthPlugin = fp(
  async function health(app: FastifyInstance, options: HealthPluginOptions) {
    await app.register(healthRoutes(new ReadinessCheck(options.targets, options.readiness, options.store ?? null, options.alerts ?? null), options.metricsToken ?? null));
  },
  { name: 'health' },
);
