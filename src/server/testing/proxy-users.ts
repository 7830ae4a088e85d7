// Tests of the history and caught-up routes: a console in AUTH_MODE=proxy with an operator and a
// viewer, requests made as either (CSRF token included for state-changing ones).
import type { LightMyRequestResponse } from 'fastify';
import { loadAuthConfig } from '../config';
import type { TestStack } from './stack';

export const OPERATOR = { user: 'olga', groups: 'ops' } as const;
export const VIEWER = { user: 'vera', groups: 'readers' } as const;
export type User = { user: string; groups: string };

export function proxyAuth(stopRateLimit = 10_000) {
  return loadAuthConfig(
    { AUTH_MODE: 'proxy', AUTH_OPERATOR_GROUPS: 'ops', AUTH_VIEWER_GROUPS: 'readers', AUTH_PROXY_TRUSTED: '127.0.0.1', STOP_RATE_LIMIT: String(stopRateLimit) },
    { host: '127.0.0.1', port: 8080, cloud: true },
  );
}

export interface AsOptions {
  payload?: unknown;
  /** false: no CSRF token; default: the user's own. */
  csrf?: boolean;
}

/** A request as `who`; POST and DELETE carry the user's CSRF cookie and header unless csrf: false. */
export async function as(stack: TestStack, who: User, method: 'GET' | 'POST' | 'DELETE', url: string, options: AsOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'x-forwarded-user': who.user, 'x-forwarded-groups': who.groups };
  if (method !== 'GET' && options.csrf !== false) {
    const session = await stack.app.inject({ url: '/api/session', headers, remoteAddress: '127.0.0.1' });
    const token = session.json().csrf_token as string;
    headers.cookie = `dcs_csrf=${token}`;
    headers['x-csrf-token'] = token;
  }
  if (options.payload !== undefined) headers['content-type'] = 'application/json';
  const payload = options.payload === undefined ? undefined : JSON.stringify(options.payload);
  return stack.app.inject({ method, url, headers, remoteAddress: '127.0.0.1', payload });
}
