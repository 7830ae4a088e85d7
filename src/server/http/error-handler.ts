// One error shape for every failure, no stack traces or internals in a body, and a 404 in that
// shape for anything that is not a route. Each error is counted by code (console_errors_total).
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiHttpError } from '../errors';

export const errorsPlugin = fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = error instanceof ApiHttpError ? error : fromFrameworkError(error);
    app.metrics.consoleError(apiError.code);
    if (apiError.statusCode >= 500) {
      request.log[apiError.code === 'INTERNAL' ? 'error' : 'warn'](
        { err: apiError.code === 'INTERNAL' ? error : undefined, code: apiError.code, upstream: apiError.extra.upstream },
        apiError.message,
      );
    } else {
      request.log.info({ code: apiError.code, upstream: apiError.extra.upstream }, apiError.message);
    }
    void reply.code(apiError.statusCode).headers(apiError.headers);
    // A browser navigation (sign-in) gets a page where the error has one; everything else JSON.
    if (apiError.htmlPage && acceptsHtml(request.headers.accept)) {
      void reply.type('text/html; charset=utf-8').send(apiError.htmlPage(request.id));
    } else {
      void reply.send(apiError.toBody(request.id));
    }
  });
});

/** Errors raised by Fastify itself (body parsing, size limits) or by a bug. */
function fromFrameworkError(error: FastifyError): ApiHttpError {
  const status = error.statusCode ?? 500;
  if (status === 413) return new ApiHttpError(413, 'INVALID_BODY', 'The request body is too large.');
  if (status === 415) return new ApiHttpError(415, 'INVALID_BODY', 'The request body must be JSON (Content-Type: application/json).');
  if (status >= 400 && status < 500) return new ApiHttpError(400, 'INVALID_BODY', 'The request body is not valid JSON.');
  return new ApiHttpError(500, 'INTERNAL', 'The console failed unexpectedly. The request id identifies it in the server log.');
}

export function routeNotFound(method: string, url: string): ApiHttpError {
  const path = url.split('?')[0] ?? url;
  return new ApiHttpError(404, 'ROUTE_NOT_FOUND', `No console route for ${method} ${path.slice(0, 200)}.`);
}

/** The client asked for HTML: a browser navigation sends `Accept: text/html,...`, fetch() sends any-type. */
export function acceptsHtml(accept: string | undefined): boolean {
  return /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept ?? '');
}
