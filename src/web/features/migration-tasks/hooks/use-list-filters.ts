import { useSearchParams } from 'react-router-dom';
import { readListFilters, writeListFilters, type ListFilters } from '../lib/list-search-params';

/** The list filters from the URL, and a setter that pushes a history entry. */
export function useListFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readListFilters(searchParams);
  const update = (patch: Partial<ListFilters>) =>
    setSearchParams((current) => {
      const now = readListFilters(current);
      // Changing what matches, or its order, starts again at page 1.
      const resetPage = patch.name !== undefined || patch.status !== undefined || patch.size !== undefined || patch.sort !== undefined;
      return writeListFilters({ ...now, ...(resetPage ? { page: 1 } : {}), ...patch });
    });
  return [filters, update] as const;
}
