import { describe, expect, it } from 'vitest';
import { loadConfig } from './index';

const cloud = {
  DCS_ENDPOINT: 'https://dcs.ap-southeast-1.myhuaweicloud.com',
  DCS_PROJECT_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  HUAWEICLOUD_SDK_AK: 'AKEXAMPLE',
  HUAWEICLOUD_SDK_SK: 'very-secret-sk-value',
  AUTH_MODE: 'none',
};

describe('loadConfig', () => {
  it('defaults to loopback:8080 with the embedded simulator', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, targets: null });
  });

  it('reads a cloud target with AK/SK, taking the region from the endpoint', () => {
    const config = loadConfig(cloud);
    expect(config.targets?.[0]).toMatchObject({ id: 'default', projectId: cloud.DCS_PROJECT_ID, region: 'ap-southeast-1', auth: { kind: 'aksk', ak: 'AKEXAMPLE' } });
  });

  it('accepts the CLOUD_SDK_* aliases, a security token, and IAM token auth', () => {
    const aliases = { ...cloud, HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '', CLOUD_SDK_AK: 'A2', CLOUD_SDK_SK: 'S2', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'T' };
    expect(loadConfig(aliases).targets?.[0]?.auth).toEqual({ kind: 'aksk', ak: 'A2', sk: 'S2', securityToken: 'T' });
    const token = { DCS_ENDPOINT: cloud.DCS_ENDPOINT, DCS_PROJECT_ID: cloud.DCS_PROJECT_ID, DCS_AUTH_TOKEN: 'iam-token', AUTH_MODE: 'none' };
    expect(loadConfig(token).targets?.[0]?.auth).toEqual({ kind: 'token', token: 'iam-token' });
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: must be a whole number/],
    [{ PORT: '70000' }, /^PORT: must be between/],
    [{ HOST: 'example.com' }, /^HOST: /],
    [{ ...cloud, DCS_ENDPOINT: 'not a url' }, /^DCS_ENDPOINT: is not a URL/],
    [{ ...cloud, DCS_ENDPOINT: 'http://dcs.ap-southeast-1.myhuaweicloud.com' }, /^DCS_ENDPOINT: plain http:\/\/ is allowed only for loopback/],
    [{ ...cloud, DCS_ENDPOINT: 'https://dcs.ap-southeast-1.myhuaweicloud.com/v2' }, /^DCS_ENDPOINT: must be the bare endpoint/],
    [{ ...cloud, DCS_PROJECT_ID: 'abc' }, /^DCS_PROJECT_ID: must be 32/],
    [{ ...cloud, DCS_PROJECT_ID: '' }, /^DCS_PROJECT_ID: is required/],
    [{ ...cloud, HUAWEICLOUD_SDK_SK: '' }, /^HUAWEICLOUD_SDK_SK: is missing/],
    [{ ...cloud, DCS_AUTH_TOKEN: 'tok' }, /^DCS_AUTH_TOKEN: is set together with an AK\/SK/],
    [{ ...cloud, DCS_ENDPOINT: 'https://dcs.internal.example', DCS_REGION: '' }, /^DCS_REGION: is required/],
    [{ DCS_RETRY_ATTEMPTS: '0' }, /^DCS_RETRY_ATTEMPTS: must be between 1 and 10/],
    [{ DCS_RETRY_ATTEMPTS: 'many' }, /^DCS_RETRY_ATTEMPTS: must be a whole number/],
    [{ DCS_CACHE_TTL_MS: '60001' }, /^DCS_CACHE_TTL_MS: must be between 0 and 60000/],
    [{ OVERVIEW_SCAN_INTERVAL_S: '1' }, /^OVERVIEW_SCAN_INTERVAL_S: must be between 5 and 600/],
    [{ DCS_CACHE_TTL_MS: '-1' }, /^DCS_CACHE_TTL_MS: must be a whole number/],
    [{ DCS_CACHE_TTL_MS: '1s' }, /^DCS_CACHE_TTL_MS: must be a whole number/],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toContain('very-secret-sk-value');
    }
  });

  it('upstream timeouts and read retries: 3 s to connect, 10 s per attempt, 3 attempts by default', () => {
    expect(loadConfig({})).toMatchObject({ upstreamConnectTimeoutMs: 3000, upstreamTimeoutMs: 10_000, upstreamRetryAttempts: 3 });
    expect(loadConfig({ DCS_RETRY_ATTEMPTS: '1', DCS_TIMEOUT_MS: '5000' })).toMatchObject({ upstreamTimeoutMs: 5000, upstreamRetryAttempts: 1 });
  });

  it('upstream read cache: 1000 ms by default, 0 turns it off, at most 60 s', () => {
    expect(loadConfig({}).upstreamCacheTtlMs).toBe(1000);
    expect(loadConfig({ DCS_CACHE_TTL_MS: '0' }).upstreamCacheTtlMs).toBe(0);
    expect(loadConfig({ DCS_CACHE_TTL_MS: '60000' }).upstreamCacheTtlMs).toBe(60_000);
    expect(loadConfig({}).overviewScanIntervalS).toBe(30);
    expect(loadConfig({ OVERVIEW_SCAN_INTERVAL_S: '5' }).overviewScanIntervalS).toBe(5);
  });

  it('allows plain http only to loopback (the simulator)', () => {
    expect(loadConfig({ ...cloud, DCS_ENDPOINT: 'http://127.0.0.1:8081', DCS_REGION: 'sim' }).targets?.[0]?.endpoint.port).toBe('8081');
  });
});

const SECRET = 'a-session-secret-that-is-long-enough-0123456789';
const oidc = {
  AUTH_MODE: 'oidc',
  SESSION_SECRET: SECRET,
  AUTH_OIDC_ISSUER: 'https://login.example.com/realms/ops',
  AUTH_OIDC_CLIENT_ID: 'dcs-console',
  AUTH_OIDC_CLIENT_SECRET: 'very-secret-client-secret',
  PUBLIC_URL: 'https://console.example.com',
  AUTH_OPERATOR_GROUPS: 'dcs-operators, sre',
  AUTH_VIEWER_GROUPS: 'dcs-viewers',
};

describe('loadConfig: sign-in (AUTH_MODE)', () => {
  it('defaults to none (everyone an operator) on loopback with the embedded simulator, with a random session secret', () => {
    const a = loadConfig({}).auth;
    expect(a).toMatchObject({ mode: 'none', oidc: null, proxy: null, stopRateLimit: 10, roles: { claim: 'groups' } });
    expect(a.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).auth.sessionSecret).not.toBe(a.sessionSecret);
    expect(loadConfig({ HOST: '::1' }).auth.mode).toBe('none');
  });

  it('reads oidc settings: redirect URL from PUBLIC_URL, group lists, client_secret_basic', () => {
    const a = loadConfig({ ...oidc, HOST: '0.0.0.0', STOP_RATE_LIMIT: '3' }).auth;
    expect(a.mode).toBe('oidc');
    expect(a.sessionSecret).toBe(SECRET);
    expect(a.roles).toEqual({ claim: 'groups', operatorGroups: ['dcs-operators', 'sre'], viewerGroups: ['dcs-viewers'] });
    expect(a.oidc).toMatchObject({ clientId: 'dcs-console', clientSecret: 'very-secret-client-secret', tokenAuthMethod: 'client_secret_basic', scopes: null });
    expect(a.oidc?.issuer.href).toBe('https://login.example.com/realms/ops');
    expect(a.oidc?.redirectUrl.href).toBe('https://console.example.com/auth/callback');
    expect(a.publicUrl?.origin).toBe('https://console.example.com');
    expect(a.stopRateLimit).toBe(3);
  });

  it('oidc: an explicit redirect URL, a public client, scopes, a dotted roles claim; loopback derives the redirect from HOST:PORT', () => {
    const a = loadConfig({
      ...oidc,
      PUBLIC_URL: '',
      AUTH_OIDC_CLIENT_SECRET: '',
      AUTH_OIDC_REDIRECT_URL: 'https://dcs.example.com/auth/callback',
      AUTH_OIDC_SCOPES: 'openid profile roles',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    }).auth;
    expect(a.oidc).toMatchObject({ clientSecret: null, tokenAuthMethod: 'none', scopes: ['openid', 'profile', 'roles'] });
    expect(a.oidc?.redirectUrl.href).toBe('https://dcs.example.com/auth/callback');
    expect(a.publicUrl?.href).toBe('https://dcs.example.com/'); // https there: Secure cookies and HSTS
    expect(a.roles.claim).toBe('realm_access.roles');
    const local = loadConfig({ ...oidc, PUBLIC_URL: '', AUTH_OIDC_ISSUER: 'http://127.0.0.1:9000', PORT: '8080' }).auth;
    expect(local.oidc?.redirectUrl.href).toBe('http://127.0.0.1:8080/auth/callback');
    expect(loadConfig({ ...oidc, AUTH_OIDC_TOKEN_AUTH_METHOD: 'client_secret_post' }).auth.oidc?.tokenAuthMethod).toBe('client_secret_post');
  });

  it('reads proxy settings with defaults: X-Forwarded-User / -Groups from loopback', () => {
    const a = loadConfig({ AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops' }).auth;
    expect(a.proxy).toEqual({ userHeader: 'x-forwarded-user', groupsHeader: 'x-forwarded-groups', trusted: ['127.0.0.1', '::1'] });
    const custom = loadConfig({
      ...cloud,
      AUTH_MODE: 'proxy',
      HOST: '0.0.0.0',
      AUTH_VIEWER_GROUPS: 'all',
      AUTH_PROXY_USER_HEADER: 'X-Auth-Request-User',
      AUTH_PROXY_GROUPS_HEADER: 'X-Auth-Request-Groups',
      AUTH_PROXY_TRUSTED: '10.0.0.0/8, fd00::/8,192.168.1.7',
    }).auth;
    expect(custom.proxy).toEqual({ userHeader: 'x-auth-request-user', groupsHeader: 'x-auth-request-groups', trusted: ['10.0.0.0/8', 'fd00::/8', '192.168.1.7'] });
  });

  const secretFree = ['very-secret-sk-value', 'very-secret-client-secret', 'short-secret'];
  it.each([
    [/^AUTH_MODE: must be set \(oidc, proxy or none\) when DCS_ENDPOINT or DCS_TARGETS_FILE is set/, { ...cloud, AUTH_MODE: '' }],
    [/^AUTH_MODE: must be one of none, proxy, oidc/, { AUTH_MODE: 'ldap' }],
    [/^AUTH_MODE: is none .* allowed only when HOST is a loopback address/, { HOST: '0.0.0.0' }],
    [/^AUTH_MODE: is none/, { HOST: '192.168.1.10', AUTH_MODE: 'none' }],
    [/^AUTH_MODE: is none/, { ...cloud, HOST: '0.0.0.0' }],
    [/^SESSION_SECRET: is required with AUTH_MODE=oidc/, { ...oidc, SESSION_SECRET: '' }],
    [/^SESSION_SECRET: must be at least 32 characters/, { ...oidc, SESSION_SECRET: 'short-secret' }],
    [/^AUTH_OIDC_ISSUER: is required/, { ...oidc, AUTH_OIDC_ISSUER: '' }],
    [/^AUTH_OIDC_ISSUER: must be an https:\/\/ URL/, { ...oidc, AUTH_OIDC_ISSUER: 'http://login.example.com' }],
    [/^AUTH_OIDC_CLIENT_ID: is required/, { ...oidc, AUTH_OIDC_CLIENT_ID: '' }],
    [/^AUTH_OIDC_CLIENT_SECRET: is required with AUTH_OIDC_TOKEN_AUTH_METHOD/, { ...oidc, AUTH_OIDC_CLIENT_SECRET: '', AUTH_OIDC_TOKEN_AUTH_METHOD: 'client_secret_basic' }],
    [/^AUTH_OIDC_TOKEN_AUTH_METHOD: must be/, { ...oidc, AUTH_OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt' }],
    [/^AUTH_OIDC_REDIRECT_URL: or PUBLIC_URL is required/, { ...oidc, PUBLIC_URL: '', HOST: '0.0.0.0' }],
    [/^AUTH_OIDC_REDIRECT_URL: must be the console's \/auth\/callback/, { ...oidc, AUTH_OIDC_REDIRECT_URL: 'https://console.example.com/callback' }],
    [/^AUTH_OIDC_SCOPES: must include openid/, { ...oidc, AUTH_OIDC_SCOPES: 'profile groups' }],
    [/^PUBLIC_URL: must be an https:\/\/ URL/, { ...oidc, PUBLIC_URL: 'http://console.example.com' }],
    [/^PUBLIC_URL: must be the bare origin/, { ...oidc, PUBLIC_URL: 'https://console.example.com/dcs' }],
    [/^AUTH_OPERATOR_GROUPS: \(or AUTH_VIEWER_GROUPS\) must name at least one group/, { ...oidc, AUTH_OPERATOR_GROUPS: '', AUTH_VIEWER_GROUPS: ' , ' }],
    [/^AUTH_PROXY_TRUSTED: "10.0.0.0\/33" has an invalid prefix length/, { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_PROXY_TRUSTED: '10.0.0.0/33' }],
    [/^AUTH_PROXY_TRUSTED: .*would trust every address/, { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_PROXY_TRUSTED: '0.0.0.0/0' }],
    [/^AUTH_PROXY_TRUSTED: "proxy.internal" is not an IP address or CIDR/, { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_PROXY_TRUSTED: 'proxy.internal' }],
    [/^AUTH_PROXY_USER_HEADER: must be an HTTP header name/, { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_PROXY_USER_HEADER: 'x user' }],
    [/^STOP_RATE_LIMIT: must be between 1 and/, { STOP_RATE_LIMIT: '0' }],
  ])('refuses with one line naming the variable, never echoing a secret: %s', (message, env) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      for (const secret of secretFree) expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe('loadConfig: operations endpoints and sign-in starts', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';

  it('METRICS_TOKEN: unset (default) leaves /metrics and /readyz public; set, it is the bearer token', () => {
    expect(loadConfig({}).auth.metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: '  ' }).auth.metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).auth.metricsToken).toBe(TOKEN);
    expect(loadConfig({ METRICS_TOKEN: 'aGVsbG8td29ybGQtMDEyMzQ1Njc4OQ==' }).auth.metricsToken).toBe('aGVsbG8td29ybGQtMDEyMzQ1Njc4OQ==');
  });

  it('LOGIN_RATE_LIMIT: 20 sign-in starts per client address a minute by default', () => {
    expect(loadConfig({}).auth.loginRateLimit).toBe(20);
    expect(loadConfig({ LOGIN_RATE_LIMIT: '5' }).auth.loginRateLimit).toBe(5);
  });

  it.each([
    [/^METRICS_TOKEN: must be 16 to 512 characters/, 'short-token'],
    [/^METRICS_TOKEN: may hold only letters, digits/, 'has spaces in it 0123456789'],
    [/^METRICS_TOKEN: may hold only letters, digits/, 'quote"d-token-0123456789'],
  ])('refuses a METRICS_TOKEN that cannot serve (%s) without echoing it', (message, token) => {
    expect(() => loadConfig({ METRICS_TOKEN: token })).toThrow(message);
    try {
      loadConfig({ METRICS_TOKEN: token });
    } catch (error) {
      expect((error as Error).message).not.toContain(token);
    }
  });

  it.each(['0', '-1', 'lots'])('refuses LOGIN_RATE_LIMIT=%s', (value) => {
    expect(() => loadConfig({ LOGIN_RATE_LIMIT: value })).toThrow(/^LOGIN_RATE_LIMIT: must be/);
  });
});

describe('loadConfig: server-side sessions (oidc)', () => {
  it('SESSION_IDLE_TIMEOUT_MIN (default 60) and SESSION_MAX_AGE_H (default 8) set how long a session lasts', () => {
    expect(loadConfig({}).auth.session).toEqual({ idleTimeoutMs: 60 * 60_000, maxAgeMs: 8 * 3_600_000 });
    expect(loadConfig({ SESSION_IDLE_TIMEOUT_MIN: '15', SESSION_MAX_AGE_H: '12' }).auth.session).toEqual({ idleTimeoutMs: 15 * 60_000, maxAgeMs: 12 * 3_600_000 });
  });

  it.each([
    [/^SESSION_IDLE_TIMEOUT_MIN: must be between 5 and 10080, got 4/, { SESSION_IDLE_TIMEOUT_MIN: '4' }],
    [/^SESSION_IDLE_TIMEOUT_MIN: must be a whole number, got "1.5"/, { SESSION_IDLE_TIMEOUT_MIN: '1.5' }],
    [/^SESSION_MAX_AGE_H: must be between 1 and 720, got 0/, { SESSION_MAX_AGE_H: '0' }],
    [/^SESSION_MAX_AGE_H: must be a whole number, got "8h"/, { SESSION_MAX_AGE_H: '8h' }],
    [/^SESSION_MAX_AGE_H: must be between 1 and 720, got 721/, { SESSION_MAX_AGE_H: '721' }],
  ])('refuses %s', (message, env) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
