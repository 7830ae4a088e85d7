// Operations endpoints, no sign-in: liveness (always public) and readiness (the METRICS_TOKEN
// bearer token when one is set, like /metrics).
import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../../api/readiness';
import { requireMetricsToken } from '../auth/metrics-token';
import type { ReadinessCheck } from './readiness';

export function healthRoutes(readiness: ReadinessCheck, metricsToken: string | null) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Liveness: the process answers. It does not call the cloud.
    app.get('/healthz', async () => ({ status: 'ok' }));

    // Readiness: every DCS target answers (cached a few seconds; see readiness.ts). 503 otherwise,
    // with the same body: which target failed and with which error code.
    app.get('/readyz', { onRequest: requireMetricsToken(metricsToken) }, async (_request, reply): Promise<Readiness> => {
      const verdict = await readiness.check();
      void reply.code(verdict.status === 'ready' ? 200 : 503).header('cache-control', 'no-store');
      return verdict;
    });
  };
}
