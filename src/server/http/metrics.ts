// The per-request series (every answer counted under its route template, method and status) and
// `GET /metrics` (Prometheus text format; no sign-in, but the METRICS_TOKEN bearer token when one is set).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requireMetricsToken } from '../auth/metrics-token';
import { UNMATCHED_ROUTE, type ConsoleMetrics } from '../metrics';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's metrics (its own registry). */
    metrics: ConsoleMetrics;
  }
}

export const metricsPlugin = fp(
  async function metrics(app: FastifyInstance, options: { metrics: ConsoleMetrics }) {
    const { metrics } = options;
    app.decorate('metrics', metrics);

    app.addHook('onResponse', async (request, reply) => {
      // The template the router matched; anything unmatched shares one label (bounded cardinality).
      const route = request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE);
      metrics.httpRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    });
  },
  { name: 'metrics' },
);

/** The route, registered with the other routes (after the security and auth hooks). */
export async function metricsRoutes(app: FastifyInstance, options: { token: string | null }): Promise<void> {
  app.get('/metrics', { onRequest: requireMetricsToken(options.token) }, async (_request, reply) => {
    const { contentType, body } = await app.metrics.render();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
}
