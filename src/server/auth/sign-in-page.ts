// What a browser sees when the sign-in fails at /auth/login or /auth/callback: a small page, not
// raw JSON. It fits the console's CSP: no script at all, one <style> element (style-src allows
// 'unsafe-inline'). Everything that goes into it is HTML-escaped. Clients that do not ask for
// HTML (fetch, curl) keep getting the JSON error shape.
import { LOGIN_PATH, loginUrl } from '../../api/session';
import { ApiHttpError } from '../errors';

const STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}' +
  'h1{font-size:1.5rem}code{background:#f1f3f5;padding:0 .25rem;border-radius:3px}a{color:#1864ab}';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function signInFailedPage(page: { code: string; message: string; requestId: string; returnTo: string }): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in failed</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sign-in failed</h1>
<p>${e(page.message)}</p>
<p>Error code: <code>${e(page.code)}</code><br>Request id: <code>${e(page.requestId)}</code></p>
<p><a href="${e(loginUrl(page.returnTo))}">Try again</a></p>
</main>
</body>
</html>
`;
}

/**
 * SIGN_IN_FAILED: JSON with `login_url` for API clients, the page above for a browser. `returnTo`
 * is where the sign-in was to lead (already checked by safeReturnTo); "Try again" keeps it.
 */
export function signInFailed(status: number, message: string, returnTo = '/'): ApiHttpError {
  const error = new ApiHttpError(status, 'SIGN_IN_FAILED', message, { login_url: LOGIN_PATH });
  error.htmlPage = (requestId) => signInFailedPage({ code: error.code, message, requestId, returnTo });
  return error;
}
