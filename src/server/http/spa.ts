// Serves the built single-page app: hashed assets cached for good, index.html never cached, and
// index.html for any other GET that a browser navigates to (client-side routes), but not for paths
// that are no page (NOT_A_PAGE).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { routeNotFound } from './error-handler';
import { UNDECODABLE_PATH } from './url-guard';

/**
 * Paths that are never a page of the SPA: the console's API, sign-in and probe routes, assets, and
 * anything whose first segment starts with `_` or `.` (`/__simulator/…`, `/.well-known/…`). Not
 * found there is a 404 ROUTE_NOT_FOUND in JSON, never index.html with a 200.
 */
const NOT_A_PAGE = /^\/(?:(?:api|auth|healthz|readyz|metrics|assets)(?:\/|$)|[_.])/i;

export async function spaPlugin(app: FastifyInstance, options: { root: string | null }): Promise<void> {
  const root = options.root && existsSync(join(options.root, 'index.html')) ? options.root : null;
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // Source maps carry every source file's text; the build writes them outside root, and one
      // left inside by another build is still not handed out.
      allowedPath: (pathName) => !/\.map$/i.test(pathName),
      setHeaders(res, path) {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url === UNDECODABLE_PATH) throw routeNotFound(request.method, request.originalUrl);
    const path = request.url.split('?')[0] ?? '';
    const isNavigation = request.method === 'GET' && !NOT_A_PAGE.test(path) && !/\.[a-z0-9]+$/i.test(path);
    if (root && isNavigation) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw routeNotFound(request.method, request.url);
  });
}
