// The CSRF token every state-changing request echoes in x-csrf-token. Its one source is the
// session's answer (GET /api/session's csrf_token, in every auth mode: the dcs_csrf cookie is
// HttpOnly): lib/session.ts records each answer here, api-client.ts reads it. No imports, so
// neither of them imports the other.

let token: string | null = null;

/** The token of the latest session answer (null before the first, or after forgetCsrfToken). */
export function currentCsrfToken(): string | null {
  return token;
}

/** Records the token a session answer carried. */
export function rememberCsrfToken(value: string): void {
  token = value;
}

/** Forgets it (tests, between cases). */
export function forgetCsrfToken(): void {
  token = null;
}
