// Who is asking and what they may do. For now only AUTH_MODE=none exists: the local demo, where
// everyone is an operator. CSRF uses a double-submit token: an HttpOnly SameSite=Strict cookie
// whose value the page reads from GET /api/session and echoes in a header.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Action } from '../api/session';
import { ApiHttpError } from './errors';

export const CSRF_COOKIE = 'dcs_csrf';

export interface Principal {
  name: string;
  roles: string[];
}

const ROLE_ACTIONS: Record<string, Action[]> = {
  viewer: ['migrationTask:list', 'migrationTask:get'],
  operator: ['migrationTask:list', 'migrationTask:get', 'migrationTask:stop'],
};

export function allowedActions(principal: Principal): Action[] {
  return [...new Set(principal.roles.flatMap((role) => ROLE_ACTIONS[role] ?? []))];
}

export function can(principal: Principal, action: Action): boolean {
  return allowedActions(principal).includes(action);
}

/** AUTH_MODE=none: the local demo user. */
export function principalFor(_request: FastifyRequest): Principal {
  return { name: 'local operator', roles: ['operator'] };
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Refuses a state-changing request that is cross-site or lacks the matching CSRF token. */
export function assertSameOriginWithCsrf(request: FastifyRequest, headerName: string): void {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw csrfRejected('the request came from another site');
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) {
    throw csrfRejected('the request came from another origin');
  }
  const cookie = request.cookies[CSRF_COOKIE];
  const header = request.headers[headerName];
  if (!cookie || typeof header !== 'string' || !safeEqual(cookie, header)) {
    throw csrfRejected('the CSRF token is missing or does not match; reload the page');
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function csrfRejected(why: string): ApiHttpError {
  return new ApiHttpError(403, 'CSRF_REJECTED', `Refused: ${why}.`);
}
