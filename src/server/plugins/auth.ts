// Attaches who is asking to every request, and guards routes by action.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Action } from '../../api/session';
import { ApiHttpError } from '../errors';
import { can, principalFor, type Principal } from '../session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export const authPlugin = fp(async function auth(app: FastifyInstance) {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.principal = principalFor(request);
  });
});

export function requirePermission(action: Action) {
  return async function checkPermission(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!can(request.principal, action)) {
      throw new ApiHttpError(403, 'FORBIDDEN', `Your role does not allow this (${action}).`);
    }
  };
}
