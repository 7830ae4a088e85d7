import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  // Liveness: the process answers. It does not call the cloud.
  app.get('/healthz', async () => ({ status: 'ok' }));
}
