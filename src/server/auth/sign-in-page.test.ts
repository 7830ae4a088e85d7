// A failed sign-in seen from a browser (Accept: text/html) is a small page within the CSP, with the
// error code, the request id and a "Try again" link that keeps return_to; API clients keep JSON.
// The provider here cannot be reached, and login cookies are sealed with the session secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../config';
import { freePort } from '../testing/oidc';
import { startTestStack, type TestStack } from '../testing/stack';
import { escapeHtml, signInFailedPage } from './sign-in-page';
import { sealValue } from './sealed-value';

const SECRET = 'sign-in-page-test-session-secret-0123456789';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
let stack: TestStack;

beforeAll(async () => {
  const deadIssuer = `http://127.0.0.1:${await freePort()}`;
  const auth = loadAuthConfig(
    { AUTH_MODE: 'oidc', SESSION_SECRET: SECRET, AUTH_OIDC_ISSUER: deadIssuer, AUTH_OIDC_CLIENT_ID: 'x', AUTH_OPERATOR_GROUPS: 'ops' },
    { host: '127.0.0.1', port: 8080, cloud: false },
  );
  stack = await startTestStack({ app: { auth } });
});
afterAll(() => stack.close());

const navigate = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ url, headers: { accept: BROWSER_ACCEPT, ...headers } });

function loginCookie(returnTo: string, expiresIn = 60_000): string {
  const state = { state: 's'.repeat(20), nonce: 'n'.repeat(20), verifier: 'v'.repeat(43), return_to: returnTo, exp: stack.clock.now() + expiresIn };
  return `dcs_oidc_login=${sealValue(SECRET, 'oidc-login', state)}`;
}

function expectPage(res: Awaited<ReturnType<typeof navigate>>, status: number, returnTo: string): string {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  const page = res.body;
  expect(page).toContain('<title>Sign-in failed</title>');
  expect(page).toContain('<code>SIGN_IN_FAILED</code>');
  expect(page).toContain(`<code>${res.headers['x-request-id']}</code>`);
  expect(page).toContain(`<a href="/auth/login?return_to=${encodeURIComponent(returnTo)}">Try again</a>`);
  expect(page).not.toMatch(/<script|\son\w+=|javascript:/i);
  return page;
}

describe('sign-in failures in a browser', () => {
  it('/auth/login with the provider unreachable: a 502 page whose "Try again" keeps return_to', async () => {
    const page = expectPage(await navigate('/auth/login?return_to=%2Ftargets%2Ftest%2Ftasks%3Ftab%3Dlogs'), 502, '/targets/test/tasks?tab=logs');
    expect(page).toContain('The sign-in provider cannot be reached. Try again in a moment.');
  });

  it('a return_to to another site is not kept', async () => {
    expectPage(await navigate('/auth/login?return_to=%2F%2Fevil.example%2F'), 502, '/');
  });

  it('/auth/callback without the login cookie: a 400 page back to /', async () => {
    const page = expectPage(await navigate('/auth/callback?code=abc&state=def'), 400, '/');
    expect(page).toContain('This sign-in expired or was started in another browser. Sign in again.');
  });

  it('/auth/callback with an expired login cookie, or a valid one and the provider unreachable: return_to from the cookie', async () => {
    expectPage(await navigate('/auth/callback?code=abc&state=def', { cookie: loginCookie('/targets/test', -1000) }), 400, '/targets/test');
    expectPage(await navigate('/auth/callback?code=abc&state=def', { cookie: loginCookie('/targets/test/tasks/t-1') }), 502, '/targets/test/tasks/t-1');
  });

  it('API clients (no text/html in Accept) keep the JSON error shape', async () => {
    for (const accept of [undefined, '*/*', 'application/json']) {
      const res = await stack.app.inject({ url: '/auth/callback?code=abc&state=def', headers: accept ? { accept } : {} });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'SIGN_IN_FAILED', login_url: '/auth/login', request_id: res.headers['x-request-id'] });
    }
  });

  it('other errors stay JSON for a browser too, and sign-in failures are counted', async () => {
    const res = await navigate('/api/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    const metrics = await stack.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200); // public in oidc mode
    expect(metrics.body).toMatch(/^console_errors_total\{code="SIGN_IN_FAILED"\} [1-9]\d*$/m);
  });
});

describe('the page', () => {
  it('escapes everything it shows', () => {
    const page = signInFailedPage({ code: '<b>C</b>', message: 'a <script>alert("x")</script> & \'b\'', requestId: '"><img src=x>', returnTo: '/x?a=1&b="<>"' });
    expect(page).not.toMatch(/<script|<img|<b>/);
    expect(page).toContain(escapeHtml('a <script>alert("x")</script> & \'b\''));
    expect(page).toContain('<code>&#60;b&#62;C&#60;/b&#62;</code>');
    expect(page).toContain(`href="/auth/login?return_to=${encodeURIComponent('/x?a=1&b="<>"')}"`);
    expect(escapeHtml(`<>&"'`)).toBe('&#60;&#62;&#38;&#34;&#39;');
  });
});
