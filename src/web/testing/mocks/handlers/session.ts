import { http, HttpResponse } from 'msw';
import { CSRF_HEADER, LOGIN_PATH, LOGOUT_PATH } from '../../../../api';
import { sessions, type SessionVariant } from '../data';
import { db } from '../db';
import { apiError } from './errors';

/** 401 UNAUTHENTICATED as the console answers it; with `login_url` in oidc mode. */
export function unauthenticated(loginUrl?: string) {
  return apiError(401, {
    code: 'UNAUTHENTICATED',
    message: loginUrl
      ? 'You are not signed in, or your session has ended. Sign in again.'
      : 'You are not signed in: the console accepts only identities passed on by its authenticating proxy.',
    ...(loginUrl ? { login_url: loginUrl } : {}),
  });
}

/** The session of a role / sign-in mode for the rest of the test. */
export function signInAs(variant: SessionVariant) {
  db.session = structuredClone(sessions[variant]);
  db.signedOut = null;
}

/** Not signed in: `GET /api/session` answers 401; oidc mode (with login_url) unless `proxy`. */
export function signOutMock({ mode = 'oidc' }: { mode?: 'oidc' | 'proxy' } = {}) {
  db.signedOut = mode === 'oidc' ? { login_url: LOGIN_PATH } : {};
}

export const sessionHandlers = [
  http.get('/api/session', () => (db.signedOut ? unauthenticated(db.signedOut.login_url) : HttpResponse.json(db.session))),

  http.post(LOGOUT_PATH, ({ request }) => {
    if (request.headers.get(CSRF_HEADER) !== db.session.csrf_token) {
      return apiError(403, { code: 'CSRF_REJECTED', message: 'Missing or wrong CSRF token.' });
    }
    db.signedOut = { login_url: LOGIN_PATH };
    return HttpResponse.json({ redirect_url: db.logoutRedirect });
  }),
];
