// `GET /api/audit`: the audit trail of stop attempts, newest first, for operators. The task page's
// "Stopped by X, T ago: reason" is `GET /api/audit?task_id=X&limit=1`.
import type { FastifyInstance } from 'fastify';
import { auditQuerySchema, type AuditList } from '../../api/audit';
import { requirePermission } from '../auth/plugin';
import { parseQuery } from '../http/validation';
import type { AuditStore } from './store';

export function auditRoutes(audit: Pick<AuditStore, 'list'>) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/audit', { preHandler: requirePermission('audit:read') }, async (request): Promise<AuditList> => {
      const query = parseQuery(auditQuerySchema, request.query);
      return audit.list(query);
    });
  };
}
