import { http, HttpResponse } from 'msw';
import { auditQuerySchema } from '../../../../api';
import { db } from '../db';
import { apiError } from './errors';

/**
 * `GET /api/audit`, as the console answers it: operators only, the query checked with the
 * contract's schema (so a page that sends a malformed filter fails its test), newest first. `user`
 * matches the display name or the subject, exactly, and `task_name` a prefix of the name in any
 * case, like the server.
 */
export const auditHandlers = [
  http.get('/api/audit', ({ request }) => {
    if (!db.session.allowed_actions.includes('audit:read')) {
      return apiError(403, { code: 'FORBIDDEN', message: 'Your role does not allow this (audit:read).' });
    }
    const parsed = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      return apiError(400, {
        code: 'INVALID_QUERY',
        message: 'mock: invalid audit query',
        details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), problem: i.message })),
      });
    }
    const q = parsed.data;
    const matches = db.audit
      .filter((r) => q.task_id === undefined || r.task_id === q.task_id)
      .filter((r) => q.task_name === undefined || (r.task_name ?? '').toLowerCase().startsWith(q.task_name.toLowerCase()))
      .filter((r) => q.user === undefined || r.user === q.user || r.user_subject === q.user)
      .filter((r) => q.target === undefined || r.target === q.target)
      .filter((r) => q.since === undefined || r.at >= q.since)
      .filter((r) => q.until === undefined || r.at < q.until)
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return HttpResponse.json({ count: matches.length, records: matches.slice(q.offset, q.offset + q.limit) });
  }),
];
