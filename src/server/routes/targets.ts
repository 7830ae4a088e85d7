import type { FastifyInstance } from 'fastify';
import type { TargetList } from '../../api/targets';
import { requirePermission } from '../plugins/auth';
import type { TargetRegistry } from '../targets';

export function targetRoutes(targets: TargetRegistry) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/targets', { preHandler: requirePermission('migrationTask:list') }, async (): Promise<TargetList> => ({
      targets: targets.describe(),
    }));
  };
}
