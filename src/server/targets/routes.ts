// `GET /api/targets`: the DCS targets the console serves, as the browser may see them (no credentials).
import type { FastifyInstance } from 'fastify';
import type { TargetList } from '../../api/targets';
import { requirePermission } from '../auth/plugin';
import type { TargetRegistry } from './registry';

export function targetRoutes(targets: TargetRegistry) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/targets', { preHandler: requirePermission('migrationTask:list') }, async (): Promise<TargetList> => ({
      targets: targets.describe(),
    }));
  };
}
