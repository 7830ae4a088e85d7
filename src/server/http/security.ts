// Response headers for every answer (pages, API, errors, 404s): Helmet's set with a strict
// Content-Security-Policy, no framing, no referrer, HSTS when served over https; the request id;
// and no caching of API or sign-in answers.
//
// The headers are the ones @fastify/helmet (helmet 8) sets with these options, computed once at
// start-up: the plugin rebuilds helmet from its options on every request, a measured 4 % of the
// console's time per cached read (bench scenario 2).
//
// style-src needs 'unsafe-inline': Mantine renders its CSS variables as <style> elements at run
// time. Scripts get no such allowance: only the console's own files, no inline script, no eval.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiErrorCode } from '../../api/errors';
import type { AuthConfig } from '../config';
import { ApiHttpError } from '../errors';

const HSTS = 'max-age=31536000';

export function contentSecurityPolicy(auth: AuthConfig): Record<string, string[]> {
  const https = auth.publicUrl?.protocol === 'https:';
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    // The sign-in redirects to the provider; allowed as a form target should a form ever start it.
    'form-action': auth.oidc ? ["'self'", auth.oidc.issuer.origin] : ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Every header helmet 8 sets with the console's options (HSTS and COEP off), as sent. */
export function securityHeaders(auth: AuthConfig): [string, string][] {
  const csp = Object.entries(contentSecurityPolicy(auth))
    .map(([name, values]) => (values.length > 0 ? `${name} ${values.join(' ')}` : name))
    .join(';');
  return [
    ['Content-Security-Policy', csp],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ];
}

export const securityPlugin = fp(
  async function security(app: FastifyInstance, options: { auth: AuthConfig }) {
    const httpsPublic = options.auth.publicUrl?.protocol === 'https:';
    const headers = securityHeaders(options.auth);
    // On the raw response at once, as helmet does: they survive whatever answer follows (errors, files).
    app.addHook('onRequest', (_request, reply, done) => {
      const raw = reply.raw;
      raw.removeHeader('X-Powered-By');
      for (const [name, value] of headers) raw.setHeader(name, value);
      done();
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      void reply.header('x-request-id', request.id);
      if (request.url.startsWith('/api/') || request.url.startsWith('/auth/')) void reply.header('cache-control', 'no-store');
      if (httpsPublic || request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
      done(null, payload);
    });
  },
  { name: 'security' },
);

/**
 * Fastify's `clientErrorHandler`: what Node refuses before any hook runs (headers over
 * maxHeaderSize, 16 KiB: 431; a request that is not HTTP: 400; one that took too long: 408) is
 * answered with the same security headers, a request id and the error shape, then the connection
 * is closed.
 */
export function clientErrorHandler(auth: AuthConfig) {
  const headers = securityHeaders(auth).map(([name, value]) => `${name}: ${value}\r\n`);
  if (auth.publicUrl?.protocol === 'https:') headers.push(`Strict-Transport-Security: ${HSTS}\r\n`);
  const fixed = headers.join('');
  return function onClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
    // A reset connection, or one already answered (Node reports a broken request once per read).
    if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
    const [status, code, message] = refusal(error.code);
    const requestId = randomUUID();
    const body = JSON.stringify(new ApiHttpError(status, code, message).toBody(requestId));
    this.log.debug({ event: 'http.client_error', code: error.code, status, request_id: requestId }, 'request refused before parsing');
    this.metrics.consoleError(code);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${fixed}X-Request-Id: ${requestId}\r\nCache-Control: no-store\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}

function refusal(nodeCode: string | undefined): [number, ApiErrorCode, string] {
  if (nodeCode === 'HPE_HEADER_OVERFLOW') {
    return [431, 'INVALID_REQUEST', 'The request headers are too large (16 KiB in all, address included): too many or too large cookies, or an over-long address.'];
  }
  if (nodeCode === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'INVALID_REQUEST', 'The request did not arrive in time.'];
  return [400, 'INVALID_REQUEST', 'The request is not valid HTTP.'];
}
