// A light check of the console's answers before the page uses them. The server already builds
// every answer from the contract's zod schemas; the browser only guards against a body it cannot
// use at all (a proxy's page, a truncated answer, an older or newer server), so the page explains
// it instead of crashing. Checking the fields the page relies on keeps zod out of the bundle.

import { translate } from '../i18n';

/** A shape maps a field to its kind; a trailing `?` accepts the field absent or null. */
type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

const kindOf = (value: unknown): Kind | 'null' | 'other' => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' ? type : 'other';
};

/** Where `value` differs from `shape` ("tasks: expected array, got string"), or null when it fits. */
export function shapeProblem(value: unknown, shape: Record<string, string>): string | null {
  const problem = (field: string, expected: string, actual: string) => translate('errors', 'shapeProblem', { field, expected, actual });
  if (kindOf(value) !== 'object') return problem('body', 'object', kindOf(value));
  const record = value as Record<string, unknown>;
  for (const [field, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const expected = optional ? spec.slice(0, -1) : spec;
    const actual = kindOf(record[field]);
    if (optional && (record[field] === undefined || record[field] === null)) continue;
    if (actual !== expected) return problem(field, expected, record[field] === undefined ? translate('errors', 'shapeNothing') : actual);
  }
  return null;
}

/** The parts of the answers this page relies on, one per response type. */
export const SHAPES = {
  taskList: { count: 'number', tasks: 'array', truncated: 'boolean?' },
  task: { task_id: 'string', status: 'string?', source_instance: 'object?', target_instance: 'object?', backup_files: 'object?' },
  taskStats: {},
  targets: { targets: 'array' },
  session: { user: 'object', roles: 'array', allowed_actions: 'array', csrf_token: 'string', auth_mode: 'string', simulated: 'boolean', target: 'object' },
  logout: { redirect_url: 'string' },
  auditList: { count: 'number', records: 'array' },
  batchStop: { results: 'array' },
  taskHistory: { task_id: 'string', samples: 'array', full_sync: 'object' },
  taskLogs: { count: 'number', logs: 'array' },
  caughtUpWatchRead: { watch: 'object?' },
  overview: { generated_at: 'string', scan_interval_s: 'number', targets: 'array' },
  caughtUpWatch: { id: 'string', task_id: 'string', state: 'string', threshold: 'number', consecutive_polls: 'number', poll_interval_s: 'number', polls_in_a_row: 'number' },
  error: { error: 'object' },
  errorBody: { code: 'string', message: 'string', request_id: 'string', details: 'array?', upstream: 'object?', login_url: 'string?' },
} as const satisfies Record<string, Record<string, string>>;
