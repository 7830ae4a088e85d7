// The audit slice: `GET /api/audit` over the store that stops are recorded in. It declares what it
// needs: the store to read. (Stops write through the AuditTrail port: migration-tasks/stop-task.ts.)
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { auditRoutes } from './routes';
import type { AuditStore } from './store';

export interface AuditPluginOptions {
  audit: Pick<AuditStore, 'list'>;
}

export const auditPlugin = fp(
  async function audit(app: FastifyInstance, options: AuditPluginOptions) {
    await app.register(auditRoutes(options.audit));
  },
  { name: 'audit', dependencies: ['auth'] },
);
