// A real OpenID provider (the oidc-provider package) on loopback for sign-in tests, and a tiny
// browser: a cookie jar and manual redirects, driving the provider's login and consent pages over
// plain HTTP the way a person would.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';

/** What the test provider prints on console.warn: true of a test setup, expected. */
export const OIDC_PROVIDER_WARNINGS = /^oidc-provider WARNING: /;

export interface TestAccount {
  name: string;
  /** Default: the login. */
  preferred_username?: string;
  email?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  close(): Promise<void>;
}

/** The console's AUTH_* settings for signing in at `idp`, its callback at `appUrl`; `extra` adds or overrides. */
export function oidcEnv(idp: TestOidcProvider, appUrl: string, secret: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AUTH_MODE: 'oidc',
    SESSION_SECRET: secret,
    AUTH_OIDC_ISSUER: idp.issuer,
    AUTH_OIDC_CLIENT_ID: idp.clientId,
    AUTH_OIDC_CLIENT_SECRET: idp.clientSecret,
    AUTH_OIDC_REDIRECT_URL: `${appUrl}/auth/callback`,
    AUTH_OPERATOR_GROUPS: 'dcs-operators',
    ...extra,
  };
}

export async function startOidcProvider(options: { redirectUri: string; postLogoutRedirectUri: string; accounts: Record<string, TestAccount> }): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'dcs-console';
  const clientSecret = 'test-client-secret-do-not-log-0123456789';
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  // Loaded here, not at import: it warns that it is a development setup (in-memory adapter, dev
  // interactions, Node 20 where it wants 22), which tests expect (OIDC_PROVIDER_WARNINGS) once they start one.
  const { default: OidcProvider } = await import('oidc-provider');
  const provider = new OidcProvider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...key, kid: 'test-key', alg: 'RS256', use: 'sig' } as never] },
    cookies: { keys: ['test-cookie-signing-key'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    features: {
      devInteractions: { enabled: true },
      // The provider's own sign-out question (its default, without the web font it would fetch and
      // the notice it prints that a real provider should style it).
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body><h1>Do you want to sign out?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button><button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
        },
      },
    },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, preferred_username: id, ...account }) };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A free loopback port (the console's redirect URL must be known before it listens). */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Cookies by name (enough for one console and one provider on different ports). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One request as a browser sends it: the jar's cookies, no automatic redirects. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (jar.cookies.size > 0) headers.set('cookie', jar.header());
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

/**
 * From the provider's authorization URL to the console's callback URL: signs `login` in on the
 * dev login page, consents, follows redirects. Returns the callback URL with code and state.
 */
export async function signInAtProvider(jar: CookieJar, authorizationUrl: string, login: string, callbackPrefix: string): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(callbackPrefix)) return url;
    const response = await browse(jar, url);
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${page.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? (page.includes('consent') || page.includes('Authorize') ? 'consent' : undefined);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!prompt || !action) throw new Error(`unexpected provider page: ${page.slice(0, 300)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const submitted = await browse(jar, new URL(action, url).href, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const next = submitted.headers.get('location');
    if (!next) throw new Error(`provider did not redirect after ${prompt}: ${submitted.status} ${(await submitted.text()).slice(0, 300)}`);
    url = new URL(next, url).href;
  }
  throw new Error('too many redirects at the provider');
}
