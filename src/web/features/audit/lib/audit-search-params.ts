// The activity page's filters and page live in the URL, so the back button and shared links work.
// `range` (last hour / 24 h / 7 days) is relative to each request; `since`/`until` are fixed instants.
import { isTaskId } from '../../../../api/rules';
import { AUDIT_RANGES, type AuditListParams, type AuditRange } from '../api/query-keys';
import { translateAudit } from './english';

export const AUDIT_PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_AUDIT_PAGE_SIZE = 20;
const MAX_PAGE = 10_000;

export interface AuditFilters {
  taskId: string;
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
  user: '',
  target: '',
  range: '',
  since: '',
  until: '',
};

function instant(value: string | null): string {
  if (!value) return '';
  const date = new Date(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

function isRange(value: string | null): value is AuditRange {
  return (AUDIT_RANGES as readonly string[]).includes(value ?? '');
}

export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  const range = params.get('range');
  return {
    taskId: (params.get('task_id') ?? '').trim().slice(0, 64),
    user: (params.get('user') ?? '').trim().slice(0, 256),
    target: (params.get('target') ?? '').trim().slice(0, 64),
    range: isRange(range) ? range : '',
    // A relative range wins over fixed instants.
    since: isRange(range) ? '' : instant(params.get('since')),
    until: isRange(range) ? '' : instant(params.get('until')),
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    size: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_AUDIT_PAGE_SIZE,
  };
}

/** Search params for the filters; defaults are left out to keep URLs short. */
export function writeAuditFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.taskId) params.set('task_id', filters.taskId);
  if (filters.user) params.set('user', filters.user);
  if (filters.target) params.set('target', filters.target);
  if (filters.range) params.set('range', filters.range);
  else {
    if (filters.since) params.set('since', filters.since);
    if (filters.until) params.set('until', filters.until);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.size !== DEFAULT_AUDIT_PAGE_SIZE) params.set('size', String(filters.size));
  return params;
}

/** What is wrong with the filters (shown at the inputs; nothing is asked meanwhile). */
export interface AuditFilterProblems {
  taskId?: string;
  until?: string;
}

export function auditFilterProblems(filters: AuditFilters): AuditFilterProblems {
  const problems: AuditFilterProblems = {};
  if (filters.taskId && !isTaskId(filters.taskId)) {
    problems.taskId = translateAudit('taskIdProblem');
  }
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
    user: filters.user || undefined,
    target: filters.target || undefined,
    range: filters.range || undefined,
    since: filters.range ? undefined : filters.since || undefined,
    until: filters.range ? undefined : filters.until || undefined,
  };
}

export function hasActiveAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.taskId || filters.user || filters.target || filters.range || filters.since || filters.until);
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
