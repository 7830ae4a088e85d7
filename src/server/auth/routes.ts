// `GET /api/session`: who you are, what you may do, and the CSRF token for POSTs. Not signed in:
// 401 UNAUTHENTICATED (in oidc mode with `login_url`; the page then goes to /auth/login). The default
// target's project and endpoint only for those who may list tasks (as GET /api/targets).
import type { FastifyInstance } from 'fastify';
import { LOGOUT_PATH, type Session } from '../../api/session';
import type { TargetRegistry } from '../targets/registry';
import { unauthenticated } from './guard';
import { allowedActions, can, CSRF_COOKIE, newCsrfToken, type Principal } from './principal';
import { hostCookieName, servedOverHttps } from './session-cookie';

function defaultTarget(targets: TargetRegistry, principal: Principal): Session['target'] {
  const [first] = targets.describe();
  if (!can(principal, 'migrationTask:list')) return { region: first!.region };
  return { region: first!.region, project_id: first!.project_id, endpoint_host: first!.endpoint_host };
}

export function sessionRoutes(targets: TargetRegistry) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/session', async (request, reply): Promise<Session> => {
      if (!request.auth.signedIn) throw unauthenticated(request);
      let csrf = request.auth.csrfToken;
      if (!csrf) {
        // none/proxy: a token bound to this user, kept in an HttpOnly cookie so several tabs agree
        // on it. (oidc: the session cookie carries it, so it is never missing when signed in.)
        csrf = newCsrfToken(app.authConfig.sessionSecret, request.principal);
        const secure = servedOverHttps(request, app.authConfig.publicUrl);
        void reply.setCookie(hostCookieName(CSRF_COOKIE, secure), csrf, { path: '/', httpOnly: true, sameSite: 'strict', secure });
      }
      const { expiresAt, mode } = request.auth;
      return {
        user: { name: request.principal.name },
        roles: request.principal.roles,
        allowed_actions: allowedActions(request.principal),
        csrf_token: csrf,
        auth_mode: mode,
        ...(mode === 'oidc' ? { logout_url: LOGOUT_PATH } : {}),
        ...(expiresAt ? { expires_at: expiresAt.toISOString() } : {}),
        simulated: targets.describe().some((t) => t.simulated),
        target: defaultTarget(targets, request.principal),
      };
    });
  };
}
