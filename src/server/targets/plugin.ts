// The targets slice: `GET /api/targets`, the DCS targets (region + project) this console serves.
// It declares what it needs: the target registry.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TargetRegistry } from './registry';
import { targetRoutes } from './routes';

export interface TargetsPluginOptions {
  targets: TargetRegistry;
}

export const targetsPlugin = fp(
  async function targets(app: FastifyInstance, options: TargetsPluginOptions) {
    await app.register(targetRoutes(options.targets));
  },
  { name: 'targets', dependencies: ['auth'] },
);
