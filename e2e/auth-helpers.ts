// Consoles started inside the test run for the sign-in journeys: each with its own auth mode,
// embedded simulators and audit database, on free loopback ports.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConsole, type RunningConsole } from '../src/server/main';
import { freePort, OIDC_PROVIDER_WARNINGS, startOidcProvider, type TestOidcProvider } from '../src/server/testing/oidc';

const DIST_WEB = fileURLToPath(new URL('../dist/web', import.meta.url));

export interface AuthConsole {
  url: string;
  console: RunningConsole;
  provider?: TestOidcProvider;
  close(): Promise<void>;
}

const baseEnv = (port: number): NodeJS.ProcessEnv => ({
  HOST: '127.0.0.1',
  PORT: String(port),
  LOG_LEVEL: 'error',
  SIMULATOR_STOP_DELAY_MS: '3000',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'dcs-e2e-audit-')),
  AUTH_OPERATOR_GROUPS: 'dcs-operators',
  AUTH_VIEWER_GROUPS: 'dcs-viewers',
});

/**
 * Runs `start` without the test OIDC provider's own warnings that it is a development setup
 * (OIDC_PROVIDER_WARNINGS), which the run's log would otherwise show; any other warning still prints.
 */
async function withoutProviderWarnings<T>(start: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    // eslint-disable-next-line no-control-regex -- the provider colours its warnings on a terminal
    const line = typeof args[0] === 'string' ? args[0].replace(/\x1b\[[0-9;]*m/g, '') : '';
    if (!OIDC_PROVIDER_WARNINGS.test(line)) warn(...args);
  };
  try {
    return await start();
  } finally {
    console.warn = warn;
  }
}

export async function startOidcConsole(): Promise<AuthConsole> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = await withoutProviderWarnings(() => startOidcProvider({
    redirectUri: `${url}/auth/callback`,
    postLogoutRedirectUri: `${url}/`,
    accounts: {
      alice: { name: 'Alice Operator', email: 'alice@example.com', groups: ['dcs-operators'] },
      victor: { name: 'Victor Viewer', email: 'victor@example.com', groups: ['dcs-viewers'] },
    },
  }));
  const running = await startConsole(
    {
      ...baseEnv(port),
      AUTH_MODE: 'oidc',
      SESSION_SECRET: 'e2e-session-secret-0123456789abcdef-0123',
      AUTH_OIDC_ISSUER: provider.issuer,
      AUTH_OIDC_CLIENT_ID: provider.clientId,
      AUTH_OIDC_CLIENT_SECRET: provider.clientSecret,
    },
    { port, staticDir: DIST_WEB },
  );
  return { url, console: running, provider, close: async () => (await running.close(), await provider.close()) };
}

export async function startProxyConsole(trusted: string): Promise<AuthConsole> {
  const port = await freePort();
  const running = await startConsole({ ...baseEnv(port), AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: trusted }, { port, staticDir: DIST_WEB });
  return { url: `http://127.0.0.1:${port}`, console: running, close: () => running.close() };
}
