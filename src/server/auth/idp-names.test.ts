// A name the identity provider (or the authenticating proxy) asserts is shown and recorded without
// invisible or control characters: stripped, not refused, since the provider vouches for the user.
// OIDC runs against a real provider (oidc-provider) on loopback, proxy mode through app.inject().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConsole } from '../../api/testing/console-guard';
import { loadAuthConfig } from '../config';
import { browse, CookieJar, freePort, OIDC_PROVIDER_WARNINGS, oidcEnv, signInAtProvider, startOidcProvider, type TestOidcProvider } from '../testing/oidc';
import { startTestStack, type TestStack } from '../testing/stack';

expectConsole('warn', OIDC_PROVIDER_WARNINGS);

const SECRET = 'idp-names-test-session-secret-0123456789';

describe('AUTH_MODE=oidc', () => {
  let appUrl: string;
  let idp: TestOidcProvider;
  let stack: TestStack;

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider({
      redirectUri: `${appUrl}/auth/callback`,
      postLogoutRedirectUri: `${appUrl}/`,
      accounts: {
        eve: { preferred_username: '\u202Eeve\u200B\u2028', name: 'Eve', groups: ['dcs-operators'] },
        // Nothing left of the username: the next claim (email) names the user.
        zed: { preferred_username: '\u200B\u2029', email: 'zed\u200E@example.com', name: 'Zed', groups: ['dcs-operators'] },
      },
    });
    const auth = loadAuthConfig(oidcEnv(idp, appUrl, SECRET), { host: '127.0.0.1', port, cloud: false },
    );
    stack = await startTestStack({ app: { auth } });
    await stack.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await stack?.close();
    await idp?.close();
  });

  async function sessionOf(login: string) {
    const jar = new CookieJar();
    const start = await browse(jar, `${appUrl}/auth/login?return_to=/`);
    const callback = await signInAtProvider(jar, start.headers.get('location')!, login, `${appUrl}/auth/callback`);
    expect((await browse(jar, callback)).status).toBe(303);
    const res = await browse(jar, `${appUrl}/api/session`);
    return { jar, session: (await res.json()) as { user: { name: string }; csrf_token: string } };
  }

  it('shows, logs and records the name without the invisible characters', async () => {
    const { jar, session } = await sessionOf('eve');
    expect(session.user.name).toBe('eve');
    const tasks = await browse(jar, `${appUrl}/api/migration-tasks?status=INCRMIGEATING`);
    const taskId = ((await tasks.json()) as { tasks: { task_id: string }[] }).tasks[0]!.task_id;
    const stop = await browse(jar, `${appUrl}/api/migration-tasks/${taskId}/stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: appUrl, 'sec-fetch-site': 'same-origin', 'x-csrf-token': session.csrf_token },
      body: '{}',
    });
    expect(stop.status).toBe(200);
    expect((await stack.audit.list({ offset: 0, limit: 1 })).records[0]).toMatchObject({ user: 'eve', task_id: taskId });
    const signIn = stack.logs.map((line) => JSON.parse(line) as { event?: string; user?: string }).find((line) => line.event === 'auth.sign_in');
    expect(signIn?.user).toBe('eve');
  });

  it('a claim with nothing visible left gives way to the next one', async () => {
    expect((await sessionOf('zed')).session.user.name).toBe('zed@example.com');
  });
});

describe('AUTH_MODE=proxy', () => {
  let stack: TestStack;
  beforeAll(async () => {
    const auth = loadAuthConfig({ AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_PROXY_TRUSTED: '127.0.0.1' }, { host: '0.0.0.0', port: 8080, cloud: true });
    stack = await startTestStack({ app: { auth } });
  });
  afterAll(() => stack.close());

  // Node reads header values as Latin-1: the soft hyphen (Cf), NEL (Cc) and a tab are what can arrive.
  const session = (user: string) => stack.app.inject({ url: '/api/session', headers: { 'x-forwarded-user': user, 'x-forwarded-groups': 'ops' }, remoteAddress: '127.0.0.1' });

  it("strips them from the proxy's user header", async () => {
    const res = await session('ali\u00ADce\u0085\tsmith');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.name).toBe('alicesmith');
  });

  it('a user header with nothing visible left is not a sign-in', async () => {
    expect((await session('\u00AD\u0085')).statusCode).toBe(401);
  });
});
