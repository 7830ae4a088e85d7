import { setupServer } from 'msw/node';
import { db } from './db';
import { migrationTaskHandlers } from './handlers/migration-tasks';
import { sessionHandlers } from './handlers/session';
import { targetHandlers } from './handlers/targets';

export const handlers = [...sessionHandlers, ...targetHandlers, ...migrationTaskHandlers];

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
