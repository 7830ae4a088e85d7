// The activity page's filters and page live in the URL, so the back button and shared links work.
// `range` (last hour / 24 h / 7 days) is relative to each request; `since`/`until` are fixed instants.
import { AUDIT_TASK_NAME_MAX, AUDIT_USER_MAX, findInvisible, isTaskId } from '../../../../api/rules';
import { dateField, enumField, pageField, pageSizeField, searchParamCodec, textField } from '../../../lib/search-params';
import { AUDIT_RANGES, type AuditListParams, type AuditRange } from '../api/query-keys';
import { translateAudit } from './english';

export interface AuditFilters {
  taskId: string;
  /** The first letters of the task name (any case). */
  taskName: string;
  /** A display name or a subject, exactly. */
  user: string;
  target: string;
  range: AuditRange | '';
  /** ISO 8601 UTC, or ''. */
  since: string;
  /** ISO 8601 UTC, or ''. */
  until: string;
  page: number;
  size: number;
}

export const EMPTY_AUDIT_FILTERS: Omit<AuditFilters, 'page' | 'size'> = {
  taskId: '',
  taskName: '',
  user: '',
  target: '',
  range: '',
  since: '',
  until: '',
};

/** The URL format operators bookmark: `task_id`, `task_name`, `user`, `target`, `range` or `since`/`until`, `page`, `size`. */
export const auditFilters = searchParamCodec<AuditFilters>(
  {
    taskId: textField('task_id', { maxLength: 64, trim: true }),
    taskName: textField('task_name', { maxLength: AUDIT_TASK_NAME_MAX, trim: true }),
    user: textField('user', { maxLength: AUDIT_USER_MAX, trim: true }),
    target: textField('target', { maxLength: 64, trim: true }),
    range: enumField('range', AUDIT_RANGES),
    since: dateField('since'),
    until: dateField('until'),
    page: pageField(),
    size: pageSizeField(20),
  },
  {
    page: 'page',
    // A relative range wins over fixed instants.
    normalize: (filters) => (filters.range ? { ...filters, since: '', until: '' } : filters),
  },
);

export const { parse: readAuditFilters, serialize: writeAuditFilters } = auditFilters;

/** What is wrong with the filters (shown at the inputs; nothing is asked meanwhile). */
export interface AuditFilterProblems {
  taskId?: string;
  taskName?: string;
  user?: string;
  until?: string;
}

/** Typed text the server would refuse (rules/text.ts): said at the input, by code point, before anything is asked. */
function invisibleProblem(text: string): string | undefined {
  const found = text ? findInvisible(text) : null;
  return found ? translateAudit('invisibleProblem', { codePoint: found.codePoint, position: found.position }) : undefined;
}

export function auditFilterProblems(filters: AuditFilters): AuditFilterProblems {
  const problems: AuditFilterProblems = {};
  if (filters.taskId && !isTaskId(filters.taskId)) {
    problems.taskId = translateAudit('taskIdProblem');
  }
  const taskName = invisibleProblem(filters.taskName);
  if (taskName) problems.taskName = taskName;
  const user = invisibleProblem(filters.user);
  if (user) problems.user = user;
  if (filters.since && filters.until && filters.since >= filters.until) {
    problems.until = translateAudit('untilProblem');
  }
  return problems;
}

export function toAuditParams(filters: AuditFilters): AuditListParams {
  return {
    offset: (filters.page - 1) * filters.size,
    limit: filters.size,
    task_id: filters.taskId || undefined,
    task_name: filters.taskName || undefined,
    user: filters.user || undefined,
    target: filters.target || undefined,
    range: filters.range || undefined,
    since: filters.range ? undefined : filters.since || undefined,
    until: filters.range ? undefined : filters.until || undefined,
  };
}

export function hasActiveAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.taskId || filters.taskName || filters.user || filters.target || filters.range || filters.since || filters.until);
}

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, for a datetime-local input; '' for ''. */
export function toLocalInput(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (browser time zone) as ISO 8601 UTC; '' when empty or unreadable. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
