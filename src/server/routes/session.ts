import type { FastifyInstance } from 'fastify';
import type { Session } from '../../api/session';
import { allowedActions, CSRF_COOKIE, newCsrfToken } from '../session';

export interface SessionRouteOptions {
  simulated: boolean;
  region: string;
  projectId: string;
  endpointHost: string;
}

export function sessionRoutes(options: SessionRouteOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/session', async (request, reply): Promise<Session> => {
      // Keep the token stable for the browser's lifetime so several tabs agree on it.
      let csrf = request.cookies[CSRF_COOKIE];
      if (!csrf || !/^[A-Za-z0-9_-]{32}$/.test(csrf)) {
        csrf = newCsrfToken();
        void reply.setCookie(CSRF_COOKIE, csrf, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
        });
      }
      return {
        user: { name: request.principal.name },
        roles: request.principal.roles,
        allowed_actions: allowedActions(request.principal),
        csrf_token: csrf,
        auth_mode: 'none',
        simulated: options.simulated,
        target: { region: options.region, project_id: options.projectId, endpoint_host: options.endpointHost },
      };
    });
  };
}
