// Paths the router cannot decode (bad percent-encoding such as `/api/%` or `/%ff`) would make
// Fastify answer by itself, outside the error shape and without the security headers. They are
// rewritten before routing to a path no route has, so the not-found handler answers them like any
// other unknown path (404 ROUTE_NOT_FOUND, naming the original path), through every hook.
import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiHttpError } from '../errors';

export const UNDECODABLE_PATH = '/__undecodable-path';

export function rewriteUndecodablePath(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  try {
    decodeURIComponent(q < 0 ? url : url.slice(0, q));
    return url;
  } catch {
    return UNDECODABLE_PATH;
  }
}

/**
 * Backstop for the errors Fastify raises before routing (bad URL, over-long parameter): the error
 * shape and the basic headers. Not expected to run: see rewriteUndecodablePath and maxParamLength.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const apiError = new ApiHttpError(404, 'ROUTE_NOT_FOUND', `No console route for ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}.`);
  request.log.info({ code: apiError.code, framework: error.code }, apiError.message);
  request.server.metrics?.consoleError(apiError.code);
  void reply
    .code(apiError.statusCode)
    .headers({ 'x-request-id': request.id, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" })
    .send(apiError.toBody(request.id));
}
