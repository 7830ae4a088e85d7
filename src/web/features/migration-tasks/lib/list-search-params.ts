// The list's filters, sort and page live in the URL so the back button and deep links work.
import { LIST_SORTS, type ListSort } from '../../../../api/rules';
import type { TaskListParams } from '../api/query-keys';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 10;

export interface ListFilters {
  name: string;
  status: string[];
  page: number;
  size: number;
  /** Empty: the cloud's own order (no full-list scan). */
  sort: ListSort | '';
}

const STATUS_VALUE = /^[A-Z_]{1,32}$/;
/** Keeps offset within what the console accepts (≤ 1,000,000). */
const MAX_PAGE = 10_000;

export function readListFilters(params: URLSearchParams): ListFilters {
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  const status = (params.get('status') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => STATUS_VALUE.test(s));
  return {
    name: (params.get('name') ?? '').slice(0, 128),
    status: [...new Set(status)].slice(0, 16),
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    sort: readSort(params.get('sort')),
  };
}

function readSort(value: string | null): ListSort | '' {
  return (LIST_SORTS as readonly string[]).includes(value ?? '') ? (value as ListSort) : '';
}

/** Search params for the filters; defaults are left out to keep URLs short. */
export function writeListFilters(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.name) params.set('name', filters.name);
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.size !== DEFAULT_PAGE_SIZE) params.set('size', String(filters.size));
  if (filters.sort) params.set('sort', filters.sort);
  return params;
}

export function toListParams(filters: ListFilters): TaskListParams {
  return {
    offset: (filters.page - 1) * filters.size,
    limit: filters.size,
    name: filters.name || undefined,
    status: filters.status.length ? filters.status : undefined,
    sort: filters.sort || undefined,
  };
}

export function hasActiveFilters(filters: ListFilters): boolean {
  return filters.name !== '' || filters.status.length > 0;
}
