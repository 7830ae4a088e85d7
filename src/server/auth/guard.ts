// Route guards: not signed in → 401 UNAUTHENTICATED, signed in but not allowed → 403 FORBIDDEN,
// both in the error shape.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOGIN_PATH, type Action } from '../../api/session';
import { ApiHttpError } from '../errors';
import { can } from './principal';

/** 401 in the error shape; in oidc mode with where to sign in. */
export function unauthenticated(request: FastifyRequest): ApiHttpError {
  if (request.auth.mode === 'oidc') {
    return new ApiHttpError(401, 'UNAUTHENTICATED', 'You are not signed in, or your session has ended. Sign in again.', { login_url: LOGIN_PATH });
  }
  return new ApiHttpError(401, 'UNAUTHENTICATED', 'You are not signed in: the console accepts only identities passed on by its authenticating proxy.');
}

export function requirePermission(action: Action) {
  return async function checkPermission(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!request.auth.signedIn) throw unauthenticated(request);
    if (!can(request.principal, action)) {
      throw new ApiHttpError(403, 'FORBIDDEN', `Your role does not allow this (${action}).`);
    }
  };
}
