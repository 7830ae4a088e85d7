import type { FastifyInstance } from 'fastify';
import type { Session } from '../../api/session';
import { allowedActions, CSRF_COOKIE, newCsrfToken } from '../session';
import type { TargetRegistry } from '../targets';

function defaultTarget(targets: TargetRegistry): Session['target'] {
  const [first] = targets.describe();
  return { region: first!.region, project_id: first!.project_id, endpoint_host: first!.endpoint_host };
}

export function sessionRoutes(targets: TargetRegistry) {
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
        simulated: targets.describe().some((t) => t.simulated),
        target: defaultTarget(targets),
      };
    });
  };
}
