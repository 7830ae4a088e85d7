// Session values the browser needs at run time (no zod here: the browser bundle stays light).
export const ACTIONS = ['migrationTask:list', 'migrationTask:get', 'migrationTask:stop', 'audit:read'] as const;
export type Action = (typeof ACTIONS)[number];

export const CSRF_HEADER = 'x-csrf-token';

/** none: no sign-in (local demo); proxy: an authenticating reverse proxy; oidc: OpenID Connect. */
export const AUTH_MODES = ['none', 'proxy', 'oidc'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** oidc mode: where the browser goes to sign in; `return_to` is a path of the console (e.g. `/targets/x`). */
export const LOGIN_PATH = '/auth/login';
export const LOGOUT_PATH = '/auth/logout';

export function loginUrl(returnTo: string): string {
  return `${LOGIN_PATH}?return_to=${encodeURIComponent(returnTo)}`;
}
