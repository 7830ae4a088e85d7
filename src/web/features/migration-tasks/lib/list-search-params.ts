// The list's filters, sort and page live in the URL so the back button and deep links work.
import { LIST_SORTS, type ListSort } from '../../../../api/rules';
import { enumField, listField, pageField, pageSizeField, searchParamCodec, textField } from '../../../lib/search-params';
import type { TaskListParams } from '../api/query-keys';

export interface ListFilters {
  name: string;
  status: string[];
  page: number;
  size: number;
  /** Empty: the cloud's own order (no full-list scan). */
  sort: ListSort | '';
}

/** The URL format operators bookmark: `name`, `status` (comma-separated), `page`, `size`, `sort`. */
export const listFilters = searchParamCodec<ListFilters>(
  {
    name: textField('name', { maxLength: 128 }),
    status: listField('status', { item: /^[A-Z_]{1,32}$/, max: 16 }),
    page: pageField(),
    size: pageSizeField(10),
    sort: enumField('sort', LIST_SORTS),
  },
  { page: 'page' },
);

export const { parse: readListFilters, serialize: writeListFilters } = listFilters;

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
