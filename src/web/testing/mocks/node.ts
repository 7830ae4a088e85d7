import { http } from 'msw';
import { setupServer } from 'msw/node';
import { db } from './db';
import { auditHandlers } from './handlers/audit';
import { caughtUpHandlers } from './handlers/caught-up';
import { historyHandlers } from './handlers/history';
import { logHandlers } from './handlers/logs';
import { migrationTaskHandlers } from './handlers/migration-tasks';
import { overviewHandlers } from './handlers/overview';
import { sessionHandlers, unauthenticated } from './handlers/session';
import { targetHandlers } from './handlers/targets';

/** Signed out (db.signedOut): every API route but the session's answers 401, as on the console. */
const signedOutGuard = http.all('/api/*', ({ request }) => {
  if (!db.signedOut || new URL(request.url).pathname === '/api/session') return undefined;
  return unauthenticated(db.signedOut.login_url);
});

export const handlers = [signedOutGuard, ...sessionHandlers, ...targetHandlers, ...migrationTaskHandlers, ...auditHandlers, ...historyHandlers, ...logHandlers, ...caughtUpHandlers, ...overviewHandlers];

export const server = setupServer(...handlers);

// Log every request the UI sends (tests assert on what was sent, not on component internals).
server.events.on('request:start', ({ request }) => {
  const copy = request.clone();
  const entry = { method: request.method, url: new URL(request.url), headers: new Headers(request.headers), body: '' };
  db.requests.push(entry);
  void copy.text().then((body) => {
    entry.body = body;
  });
});
