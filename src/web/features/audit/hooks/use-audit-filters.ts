import { useSearchParams } from 'react-router-dom';
import { readAuditFilters, writeAuditFilters, type AuditFilters } from '../lib/audit-search-params';

/** The activity filters from the URL, and a setter that pushes a history entry. */
export function useAuditFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readAuditFilters(searchParams);
  const update = (patch: Partial<AuditFilters>) =>
    setSearchParams((current) => {
      const now = readAuditFilters(current);
      // Changing what matches starts again at page 1.
      const resetPage = Object.keys(patch).some((key) => key !== 'page');
      return writeAuditFilters({ ...now, ...(resetPage ? { page: 1 } : {}), ...patch });
    });
  return [filters, update] as const;
}
