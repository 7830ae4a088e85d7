// AUTH_MODE=oidc: the OpenID Connect authorization-code flow with PKCE, through openid-client.
//   GET  /auth/login?return_to=/path → the provider (state, nonce and PKCE verifier kept in a
//        short-lived encrypted cookie, sealed-value.ts; rate-limited per address, LOGIN_RATE_LIMIT)
//   GET  /auth/callback              → code exchange, ID token checks, the groups claim; a session in
//        the store (session-store.ts), its signed id in the cookie; back to return_to
//   POST /auth/logout                → the session deleted from the store (every instance refuses it
//        from then on) and its cookie cleared; `{ redirect_url }` is the provider's end-session page
//        when it has one
// Tokens never leave this module: not into the store, the cookie, a response or a log line. A failed sign-in
// is SIGN_IN_FAILED: a small HTML page for a browser (sign-in-page.ts), JSON for anything else.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { z } from 'zod';
import { LOGIN_PATH, LOGOUT_PATH, type LogoutResponse } from '../../api/session';
import { stripInvisible } from '../../api/text';
import type { Clock } from '../../dcs/clock';
import type { AuthConfig, OidcConfig } from '../config';
import type { ApiHttpError } from '../errors';
import { groupsFromClaims, rolesForGroups } from './roles';
import { sealValue, unsealValue } from './sealed-value';
import { clearSession, readSessionId, servedOverHttps, writeSessionCookie } from './session-cookie';
import type { SessionStore } from './session-store';
import { signInFailed } from './sign-in-page';

const LOGIN_COOKIE = 'dcs_oidc_login';
const LOGIN_COOKIE_PATH = '/auth/';
const LOGIN_TTL_MS = 10 * 60 * 1000;
/** Behind https `__Secure-` (the browser keeps it only if Secure); `__Host-` would need Path=/. */
const loginCookieName = (secure: boolean) => (secure ? `__Secure-${LOGIN_COOKIE}` : LOGIN_COOKIE);
const PROVIDER_TIMEOUT_S = 10;

const loginStateSchema = z.object({
  state: z.string().min(1).max(128),
  nonce: z.string().min(1).max(128),
  verifier: z.string().min(43).max(128),
  return_to: z.string().max(2048),
  exp: z.number().int(),
});

/** The provider's metadata, discovered on first use (the console starts even if the provider is down). */
export class OidcProvider {
  private pending: Promise<client.Configuration> | null = null;

  constructor(private readonly config: OidcConfig) {}

  configuration(): Promise<client.Configuration> {
    this.pending ??= this.discover().catch((error: unknown) => {
      this.pending = null; // try again on the next sign-in
      throw error;
    });
    return this.pending;
  }

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, tokenAuthMethod } = this.config;
    const auth =
      tokenAuthMethod === 'none' ? client.None() : tokenAuthMethod === 'client_secret_post' ? client.ClientSecretPost(clientSecret!) : client.ClientSecretBasic(clientSecret!);
    // Plain http is accepted by the configuration only for loopback issuers (tests, local providers).
    const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
    return client.discovery(issuer, clientId, clientSecret ?? undefined, auth, { execute, timeout: PROVIDER_TIMEOUT_S });
  }
}

/** Only a path of this console: never another origin (`//evil`, `/\evil`, `https://...`). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\p{Cc}\\]/u.test(value)) return '/';
  if (value.startsWith('/auth/')) return '/';
  return value;
}

export function oidcRoutes(auth: AuthConfig & { oidc: OidcConfig }, provider: OidcProvider, now: Clock, sessions: SessionStore) {
  const { oidc, sessionSecret: secret, publicUrl, roles } = auth;

  /** `returnTo`: where the sign-in was to lead, kept by a failure's "Try again" link. */
  async function providerConfiguration(request: FastifyRequest, returnTo: string): Promise<client.Configuration> {
    try {
      return await provider.configuration();
    } catch (error) {
      request.log.warn({ event: 'auth.provider_unreachable', error: describe(error) }, 'OpenID provider discovery failed');
      throw signInFailed(502, 'The sign-in provider cannot be reached. Try again in a moment.', returnTo);
    }
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { return_to?: unknown } }>(LOGIN_PATH, { config: { loginRateLimited: true } }, async (request, reply) => {
      const returnTo = safeReturnTo(request.query.return_to);
      const configuration = await providerConfiguration(request, returnTo);
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: oidc.redirectUrl.href,
        scope: scopes(configuration, oidc, roles.claim).join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      const login = { state, nonce, verifier, return_to: returnTo, exp: now() + LOGIN_TTL_MS };
      const secure = servedOverHttps(request, publicUrl);
      void reply.setCookie(loginCookieName(secure), sealValue(secret, 'oidc-login', login), {
        path: LOGIN_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax', // sent on the top-level redirect back from the provider
        secure,
        maxAge: LOGIN_TTL_MS / 1000,
      });
      return reply.redirect(url.href, 302);
    });

    app.get('/auth/callback', async (request, reply) => {
      const secure = servedOverHttps(request, publicUrl);
      const parsed = loginStateSchema.safeParse(unsealValue(secret, 'oidc-login', request.cookies[loginCookieName(secure)]));
      void reply.clearCookie(loginCookieName(secure), { path: LOGIN_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure });
      if (!parsed.success || parsed.data.exp <= now()) {
        const returnTo = parsed.success ? safeReturnTo(parsed.data.return_to) : '/';
        throw signInFailed(400, 'This sign-in expired or was started in another browser. Sign in again.', returnTo);
      }
      const login = parsed.data;
      const configuration = await providerConfiguration(request, login.return_to);
      // The response as the provider sent it, on the registered redirect URL (not on what the Host header says).
      const currentUrl = new URL(oidc.redirectUrl);
      currentUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';

      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
          pkceCodeVerifier: login.verifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new client.ClientError('no ID token');
        claims = { ...idClaims };
        // Many providers put groups and names only in the userinfo response.
        if (claims[roles.claim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
          const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
          claims = { ...userinfo, ...idClaims }; // the ID token wins where both say something
        }
      } catch (error) {
        throw callbackError(request, error, login.return_to);
      }

      const sub = String(claims.sub);
      const name = firstString(claims.preferred_username, claims.email, claims.name) ?? stripInvisible(sub);
      const groups = groupsFromClaims(claims, roles.claim).slice(0, 256);
      const userRoles = rolesForGroups(groups, roles);
      // Who the user is, whatever their display name: `sub` is unique only within its issuer.
      const subject = `${String(claims.iss)}|${sub}`;
      const { id } = await sessions.create({ subject, name: name.slice(0, 256), groups }, now());
      writeSessionCookie(reply, secret, id, secure, auth.session.maxAgeMs);
      request.log.info({ event: 'auth.sign_in', user: name, roles: userRoles }, userRoles.length ? 'signed in' : 'signed in without a console role');
      return reply.redirect(login.return_to, 303);
    });

    // Signed in: the CSRF check of plugin.ts applies. Not signed in: there is nothing to end.
    app.post(LOGOUT_PATH, { config: { allowAnonymous: true } }, async (request, reply): Promise<LogoutResponse> => {
      const secure = servedOverHttps(request, publicUrl);
      // Deleted, not only forgotten by this browser: a copied cookie and CSRF token are refused everywhere.
      const id = readSessionId(request, secret, secure);
      if (id) await sessions.delete(id);
      clearSession(reply, secure);
      if (request.auth.signedIn) request.log.info({ event: 'auth.sign_out', user: request.principal.name }, 'signed out');
      let redirect = '/';
      try {
        const configuration = await provider.configuration();
        if (configuration.serverMetadata().end_session_endpoint) {
          const home = new URL('/', publicUrl ?? oidc.redirectUrl).href;
          redirect = client.buildEndSessionUrl(configuration, { post_logout_redirect_uri: home }).href;
        }
      } catch {
        // The provider is unreachable: the console session is over anyway.
      }
      return { redirect_url: redirect };
    });
  };
}

function scopes(configuration: client.Configuration, oidc: OidcConfig, rolesClaim: string): string[] {
  if (oidc.scopes) return oidc.scopes;
  const supported = configuration.serverMetadata().scopes_supported ?? [];
  const wanted = ['openid', 'profile', 'email', rolesClaim];
  return wanted.filter((scope) => scope === 'openid' || supported.includes(scope));
}

/** The first claim that is a name: invisible and control characters stripped, not refused (the provider vouches for it). */
function firstString(...values: unknown[]): string | undefined {
  return values.map((v) => (typeof v === 'string' ? stripInvisible(v).trim() : '')).find((v) => v !== '');
}

/** What went wrong at the callback, for the user; the log gets the OAuth error code, never tokens. */
function callbackError(request: FastifyRequest, error: unknown, returnTo: string): ApiHttpError {
  request.log.warn({ event: 'auth.sign_in_failed', error: describe(error) }, 'sign-in failed');
  if (error instanceof client.AuthorizationResponseError) {
    return signInFailed(401, `The sign-in provider did not sign you in (${safeCode(error.error)}).`, returnTo);
  }
  if (error instanceof client.ResponseBodyError) {
    return signInFailed(401, `The sign-in provider refused the sign-in (${safeCode(error.error)}). Sign in again.`, returnTo);
  }
  if (error instanceof client.ClientError || error instanceof client.WWWAuthenticateChallengeError) {
    return signInFailed(400, 'The sign-in response did not pass the checks (state, nonce, issuer or signature). Sign in again.', returnTo);
  }
  return signInFailed(502, 'The sign-in provider cannot be reached. Try again in a moment.', returnTo);
}

function safeCode(code: unknown): string {
  return typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : 'error';
}

function describe(error: unknown): { name?: string; code?: string; error?: string } {
  if (!(error instanceof Error)) return {};
  const { code, error: oauthError } = error as { code?: unknown; error?: unknown };
  return {
    name: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof oauthError === 'string' ? { error: safeCode(oauthError) } : {}),
  };
}
