// The health slice: `GET /healthz` and `GET /readyz`, public. It declares what it needs: the
// targets whose DCS clients readiness probes, and how long a verdict is cached.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TargetRegistry } from '../targets/registry';
import { ReadinessCheck, type ReadinessOptions } from './readiness';
import { healthRoutes } from './routes';

export interface HealthPluginOptions {
  targets: TargetRegistry;
  readiness?: ReadinessOptions;
}

export const healthPlugin = fp(
  async function health(app: FastifyInstance, options: HealthPluginOptions) {
    await app.register(healthRoutes(new ReadinessCheck(options.targets, options.readiness)));
  },
  { name: 'health' },
);
