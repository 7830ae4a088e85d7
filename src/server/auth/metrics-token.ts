// METRICS_TOKEN: when it is set, GET /metrics and GET /readyz answer only requests that carry
// `Authorization: Bearer <token>`; without it they are public. GET /healthz (liveness) is always
// public. The comparison takes the same time whatever the token sent; the token is never logged
// (the logger censors the Authorization header, and no message names it).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiHttpError } from '../errors';

const BEARER = /^Bearer +(\S+) *$/i;

/** An onRequest hook for an operations route: 401 UNAUTHENTICATED unless the bearer token matches. */
export function requireMetricsToken(token: string | null) {
  const expected = token === null ? null : digest(token);
  return async function checkMetricsToken(request: FastifyRequest): Promise<void> {
    if (expected === null) return;
    const header = request.headers.authorization;
    const sent = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    // Digests of equal length: timingSafeEqual reveals neither the token nor its length.
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return;
    throw new ApiHttpError(
      401,
      'UNAUTHENTICATED',
      'This endpoint needs the token of METRICS_TOKEN as Authorization: Bearer <token>.',
      {},
      { 'www-authenticate': 'Bearer realm="dcs-console"' },
    );
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
