// buildApp(options) returns the console's Fastify app: tests drive it with app.inject(), the
// entry point (main.ts) listens with it.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { DcsClient, type DcsClientOptions } from './dcs-client';
import { loggerOptions } from './logger';
import { MigrationTaskService } from './migration-task-service';
import { authPlugin } from './plugins/auth';
import { errorsPlugin } from './plugins/errors';
import { spaPlugin } from './plugins/spa';
import { healthRoutes } from './routes/health';
import { migrationTaskRoutes } from './routes/migration-tasks';
import { sessionRoutes } from './routes/session';

export interface AppOptions {
  /** How to reach the DCS API: the cloud, or the simulator over HTTP; the app cannot tell. */
  dcs: DcsClientOptions;
  region: string;
  /** True when the upstream is the embedded simulator: the UI shows a banner. */
  simulated: boolean;
  /** Folder of the built SPA (dist/web); null serves the API only. */
  staticDir: string | null;
  logLevel?: string;
  logStream?: DestinationStream;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 200 },
  });
  const dcs = new DcsClient(options.dcs);
  app.addHook('onClose', async () => dcs.close());
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(errorsPlugin);
  await app.register(fastifyCookie);
  await app.register(authPlugin);
  await app.register(healthRoutes);
  await app.register(
    sessionRoutes({
      simulated: options.simulated,
      region: options.region,
      projectId: options.dcs.projectId,
      endpointHost: options.dcs.endpoint.host,
    }),
  );
  await app.register(migrationTaskRoutes(new MigrationTaskService(dcs)));
  await app.register(spaPlugin, { root: options.staticDir });
  return app;
}
