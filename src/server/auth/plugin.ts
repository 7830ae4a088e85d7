// Who is asking (AUTH_MODE none, proxy or oidc), attached to every request; the CSRF rule for
// every state-changing request; the stop rate limit; and the guard that turns "not signed in" into
// 401 and "not allowed" into 403. It serves GET /api/session, and in oidc mode /auth/login,
// /auth/callback and /auth/logout. It declares what it needs: the sign-in settings, the clock, the
// targets (the session names the default one), and the session store (oidc sessions and the stop
// rate limit's counts, shared by every instance on the same database).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CSRF_HEADER } from '../../api/session';
import { unauthenticated } from './guard';
import { OidcProvider, oidcRoutes } from './oidc';
import { proxyIdentity, trustedAddressList, UntrustedHeaderWarnings } from './proxy';
import { sessionRoutes } from './routes';
import { rolesForGroups } from './roles';
import { hostCookieName, readSessionId, servedOverHttps } from './session-cookie';
import type { SessionStore } from './session-store';
import { stopRateLimitPlugin } from './stop-rate-limit';
import type { Clock } from '../../dcs/clock';
import type { AuthConfig, OidcConfig } from '../config';
import type { TargetRegistry } from '../targets/registry';
import { anonymous, assertSameOriginWithCsrf, CSRF_COOKIE, csrfTokenValid, localOperator, type Principal, type RequestAuth } from './principal';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A state-changing route that also serves people who are not signed in (sign-out). */
    allowAnonymous?: boolean;
  }
  interface FastifyInstance {
    /** The sign-in settings the app runs with. */
    authConfig: AuthConfig;
  }
}

export { requirePermission } from './guard';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthPluginOptions {
  auth: AuthConfig;
  now: Clock;
  targets: TargetRegistry;
  sessions: SessionStore;
}

export const authPlugin = fp(
  async function auth(app: FastifyInstance, options: AuthPluginOptions) {
    const config = options.auth;
    const publicOrigin = config.publicUrl?.origin ?? null;
    const trusted = config.proxy ? trustedAddressList(config.proxy.trusted) : null;
    app.decorate('authConfig', config);
    app.decorateRequest('principal', null as unknown as Principal);
    app.decorateRequest('auth', null as unknown as RequestAuth);
    const untrustedWarnings = new UntrustedHeaderWarnings(options.now);

    app.addHook('onRequest', async (request) => {
      const state: RequestAuth = { mode: config.mode, signedIn: false, csrfToken: null, expiresAt: null, publicOrigin };
      let principal = anonymous();
      const secure = servedOverHttps(request, config.publicUrl);
      if (config.mode === 'oidc') {
        // A cookie we did not sign costs no query.
        const id = readSessionId(request, config.sessionSecret, secure);
        const session = id ? await options.sessions.read(id, options.now()) : null;
        if (session) {
          // Roles from the stored groups and today's mapping: a group taken out of AUTH_OPERATOR_GROUPS counts at once.
          principal = { name: session.name, roles: rolesForGroups(session.groups, config.roles), subject: session.subject };
          Object.assign(state, { signedIn: true, csrfToken: session.csrfToken, expiresAt: new Date(session.expiresAt) });
        }
      } else if (config.mode === 'none') {
        principal = localOperator();
        state.signedIn = true;
      } else {
        const identity = proxyIdentity(request, config.proxy!, trusted!, config.roles);
        if (identity.kind === 'signed-in') {
          principal = identity.principal;
          state.signedIn = true;
        } else if (identity.kind === 'untrusted') {
          // At most one line per address a minute; `suppressed`: the lines left out since the last one.
          const suppressed = untrustedWarnings.take(identity.remoteAddress);
          if (suppressed !== null) {
            request.log.warn({ event: 'auth.untrusted_proxy_headers', remote: identity.remoteAddress, suppressed }, 'identity headers from an address not in AUTH_PROXY_TRUSTED were ignored');
          }
        }
      }
      if (config.mode !== 'oidc' && state.signedIn) {
        // none/proxy: the CSRF token lives in its own cookie and must have been minted for this user.
        const cookie = request.cookies[hostCookieName(CSRF_COOKIE, secure)];
        if (csrfTokenValid(config.sessionSecret, principal, cookie)) state.csrfToken = cookie!;
      }
      request.principal = principal;
      request.auth = state;
    });

    // The one CSRF check: every state-changing request of every route passes here (routes do not
    // check again). Before the body is parsed, so a cross-site form post is refused as such (not
    // as a bad body).
    app.addHook('preParsing', async (request) => {
      if (SAFE_METHODS.has(request.method) || request.is404) return;
      if (!request.auth.signedIn) {
        if (request.routeOptions.config.allowAnonymous) return;
        throw unauthenticated(request);
      }
      assertSameOriginWithCsrf(request, CSRF_HEADER);
    });

    await app.register(stopRateLimitPlugin, { perMinute: config.stopRateLimit, loginPerMinute: config.loginRateLimit, now: options.now, counts: options.sessions });
    await app.register(sessionRoutes(options.targets));
    if (config.mode === 'oidc') {
      const oidcConfig = config as AuthConfig & { oidc: OidcConfig };
      await app.register(oidcRoutes(oidcConfig, new OidcProvider(oidcConfig.oidc), options.now, options.sessions));
    }
  },
  { name: 'auth' },
);
