// Signing in, in one place. When the console answers 401 UNAUTHENTICATED (not signed in yet, or the
// session ended), the page sends the browser to the sign-in page, `GET /auth/login?return_to=<path>`,
// which brings it back to the same page afterwards. Once per page load, and not again if the browser
// was sent there moments ago and came back still signed out (a cookie the browser refuses would
// otherwise loop for ever). Without a sign-in page (proxy mode) there is nowhere to send the
// browser: the session gate explains instead.
import type { QueryClient } from '@tanstack/react-query';
import type { Session } from '../../../../api';
import { LOGIN_PATH, loginUrl } from '../../../../api/rules';
import { isApiError, type ApiError } from '../../../lib/api-client';
import { browserLocation } from '../../../lib/browser-location';
import { sessionQueryKey } from '../../../lib/session';

export type SignInState =
  /** The browser is on its way to the sign-in page. */
  | { kind: 'redirecting'; url: string }
  /** The browser came back from the sign-in page still signed out: offer a link, do not loop. */
  | { kind: 'blocked'; url: string }
  /** Signed out on purpose: on its way to `url`; later 401s are expected. */
  | { kind: 'signing-out'; url: string };

/** A sign-in sent less than this long ago counts as "just came back from it". */
export const SIGN_IN_LOOP_WINDOW_MS = 60_000;
const STORAGE_KEY = 'dcs-console.sign-in-redirect-at';

/** The path to come back to: a path of this console, never the sign-in routes themselves. */
export function safeReturnTo(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || path.startsWith('/auth/')) return '/';
  return path;
}

/** Where to sign in: the server's `login_url` (or /auth/login) with `return_to` the current page. */
export function signInUrl(serverLoginUrl: string | undefined, returnTo: string): string {
  const back = safeReturnTo(returnTo);
  if (!serverLoginUrl || serverLoginUrl === LOGIN_PATH) return loginUrl(back);
  if (/[?&]return_to=/.test(serverLoginUrl)) return serverLoginUrl;
  return `${serverLoginUrl}${serverLoginUrl.includes('?') ? '&' : '?'}return_to=${encodeURIComponent(back)}`;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: only the once-per-page-load rule applies
  }
}

function redirectedRecently(now: number): boolean {
  const at = Number(storage()?.getItem(STORAGE_KEY) ?? Number.NaN);
  return Number.isFinite(at) && now - at >= 0 && now - at < SIGN_IN_LOOP_WINDOW_MS;
}

/** The sign-in state of one page load (one query client), observable from React. */
class SignInController {
  private state: SignInState | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SignInState | null => this.state;

  private set(state: SignInState) {
    this.state = state;
    this.listeners.forEach((l) => l());
  }

  /** Sends the browser to sign in, at most once. */
  signIn(url: string) {
    if (this.state) return;
    const now = Date.now();
    if (redirectedRecently(now)) {
      this.set({ kind: 'blocked', url });
      return;
    }
    storage()?.setItem(STORAGE_KEY, String(now));
    this.set({ kind: 'redirecting', url });
    browserLocation.assign(url);
  }

  /** Signing out: stop reacting to 401s, the browser is leaving. */
  signOut(url: string) {
    this.set({ kind: 'signing-out', url });
    browserLocation.assign(url);
  }
}

const controllers = new WeakMap<QueryClient, SignInController>();

export function signInController(queryClient: QueryClient): SignInController {
  let controller = controllers.get(queryClient);
  if (!controller) {
    controller = new SignInController();
    controllers.set(queryClient, controller);
  }
  return controller;
}

/** The session loaded: the last sign-in worked, so a later one is no loop. */
export function signInSucceeded() {
  storage()?.removeItem(STORAGE_KEY);
}

export function isUnauthenticated(error: unknown): error is ApiError {
  return isApiError(error) && error.code === 'UNAUTHENTICATED';
}

/**
 * Any failed query or mutation: a 401 UNAUTHENTICATED sends the browser to sign in when the
 * console has a sign-in page (the answer names it, or the session said oidc). Otherwise (proxy
 * mode) the session is read again, so the session gate shows why nothing works.
 */
export function handleAuthError(queryClient: QueryClient, error: unknown, { fromSession = false } = {}) {
  if (!isUnauthenticated(error)) return;
  const controller = signInController(queryClient);
  if (controller.getSnapshot()?.kind === 'signing-out') return;
  const session = queryClient.getQueryData<Session>(sessionQueryKey);
  if (error.login_url !== undefined || session?.auth_mode === 'oidc') {
    controller.signIn(signInUrl(error.login_url, browserLocation.currentPath()));
    return;
  }
  if (!fromSession) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
}
