// Route guards: not signed in → 401 UNAUTHENTICATED, signed in but not allowed → 403 FORBIDDEN,
// both in the error shape. The action a guard requires is readable (the stop rate limit finds
// the stop routes by it).
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { LOGIN_PATH, type Action } from '../../api/session';
import { ApiHttpError } from '../errors';
import { can } from '../session';

/** 401 in the error shape; in oidc mode with where to sign in. */
export function unauthenticated(request: FastifyRequest): ApiHttpError {
  if (request.auth.mode === 'oidc') {
    return new ApiHttpError(401, 'UNAUTHENTICATED', 'You are not signed in, or your session has ended. Sign in again.', { login_url: LOGIN_PATH });
  }
  return new ApiHttpError(401, 'UNAUTHENTICATED', 'You are not signed in: the console accepts only identities passed on by its authenticating proxy.');
}

const REQUIRED_ACTION = Symbol('requiredAction');
type Guard = preHandlerHookHandler & { [REQUIRED_ACTION]?: Action };

/** The action a route guard requires (stop-rate-limit.ts finds the stop routes by it). */
export function requiredAction(handler: unknown): Action | undefined {
  return (handler as Guard)[REQUIRED_ACTION];
}

export function requirePermission(action: Action) {
  const checkPermission = async function checkPermission(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!request.auth.signedIn) throw unauthenticated(request);
    if (!can(request.principal, action)) {
      throw new ApiHttpError(403, 'FORBIDDEN', `Your role does not allow this (${action}).`);
    }
  };
  return Object.assign(checkPermission, { [REQUIRED_ACTION]: action });
}
