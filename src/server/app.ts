// buildApp(options) returns the console's Fastify app: tests drive it with app.inject(), the
// entry point (main.ts) listens with it.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { loggerOptions } from './logger';
import { authPlugin } from './plugins/auth';
import { errorsPlugin } from './plugins/errors';
import { spaPlugin } from './plugins/spa';
import { healthRoutes } from './routes/health';
import { migrationTaskRoutes } from './routes/migration-tasks';
import { sessionRoutes } from './routes/session';
import { targetRoutes } from './routes/targets';
import { TargetRegistry, type AppTarget } from './targets';

export interface AppOptions {
  /**
   * The DCS targets (region + project), the first being the default. Each is reached over HTTP
   * with signed requests, whether it is the cloud or a simulator; the app cannot tell.
   */
  targets: AppTarget[];
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
  const targets = new TargetRegistry(options.targets);
  app.addHook('onClose', async () => targets.close());
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
  await app.register(sessionRoutes(targets));
  await app.register(targetRoutes(targets));
  await app.register(migrationTaskRoutes(targets));
  await app.register(spaPlugin, { root: options.staticDir });
  return app;
}
