// Who is asking and what they may do: the principal (from the sign-in of AUTH_MODE, see
// plugin.ts), the one table of which role may do which action, and the CSRF rule every
// state-changing request must pass (same-origin Origin / Sec-Fetch-Site, and the token of
// GET /api/session echoed in the x-csrf-token header).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Action, AuthMode } from '../../api/session';
import { ApiHttpError } from '../errors';
import { macMatches, mac } from './signed-value';

/** none/proxy: the CSRF token, HttpOnly SameSite=Strict (the page reads it from GET /api/session). */
export const CSRF_COOKIE = 'dcs_csrf';
/** oidc: the signed id of the server-side session (auth/session-store.ts), HttpOnly SameSite=Lax. */
export const SESSION_COOKIE = 'dcs_session';

export interface Principal {
  /** What the console shows and records (audit, logs): the login name. */
  name: string;
  roles: string[];
  /** A stable identifier (the OIDC `sub`, the proxy's user); keys the stop rate limit. */
  subject?: string;
}

/** What the sign-in of this request established (set for every request by plugin.ts). */
export interface RequestAuth {
  mode: AuthMode;
  signedIn: boolean;
  /** The token a state-changing request must echo in x-csrf-token; null when none was issued. */
  csrfToken: string | null;
  /** oidc: when the session ends. */
  expiresAt: Date | null;
  /** PUBLIC_URL's origin: accepted in Origin besides the request's own. */
  publicOrigin: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; ANONYMOUS (no roles) when not signed in: check `auth.signedIn`. */
    principal: Principal;
    auth: RequestAuth;
  }
}

const ROLE_ACTIONS: Record<string, Action[]> = {
  viewer: ['migrationTask:list', 'migrationTask:get'],
  operator: ['migrationTask:list', 'migrationTask:get', 'migrationTask:stop', 'audit:read'],
};

export function allowedActions(principal: Principal): Action[] {
  return [...new Set(principal.roles.flatMap((role) => ROLE_ACTIONS[role] ?? []))];
}

export function can(principal: Principal, action: Action): boolean {
  return allowedActions(principal).includes(action);
}

/** Not signed in: may do nothing. */
export function anonymous(): Principal {
  return { name: 'anonymous', roles: [] };
}

/** AUTH_MODE=none: the local demo user, an operator. */
export function localOperator(): Principal {
  return { name: 'local operator', roles: ['operator'] };
}

/**
 * none/proxy: a CSRF token bound to the user: a random nonce and an HMAC over nonce and user, so a
 * token planted in the cookie by someone else (another user, a sibling domain) does not verify.
 */
export function newCsrfToken(secret: string, principal: Principal): string {
  const nonce = randomBytes(18).toString('base64url');
  return `${nonce}.${mac(secret, 'csrf', `${principalKey(principal)}\0${nonce}`)}`;
}

export function csrfTokenValid(secret: string, principal: Principal, token: string | undefined): boolean {
  const match = token === undefined ? null : /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match !== null && macMatches(secret, 'csrf', `${principalKey(principal)}\0${match[1]}`, match[2]!);
}

export function principalKey(principal: Principal): string {
  return principal.subject ?? principal.name;
}

/** Refuses a state-changing request that is cross-site or lacks the matching CSRF token. */
export function assertSameOriginWithCsrf(request: FastifyRequest, headerName: string): void {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw csrfRejected('the request came from another site');
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}` && origin !== request.auth.publicOrigin) {
    throw csrfRejected('the request came from another origin');
  }
  const expected = request.auth.csrfToken;
  const header = request.headers[headerName];
  if (!expected || typeof header !== 'string' || !safeEqual(expected, header)) {
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
