import { Button, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { QueryFailure } from '../../components/query-failure';
import { EmptyState, LoadingState } from '../../components/states';
import { useAuditRecords } from '../../features/audit/api/get-audit-records';
import { AuditFilters } from '../../features/audit/components/audit-filters';
import { AuditTable } from '../../features/audit/components/audit-table';
import {
  auditFilterProblems,
  auditFilters,
  EMPTY_AUDIT_FILTERS,
  hasActiveAuditFilters,
  toAuditParams,
} from '../../features/audit/lib/audit-search-params';
import { ArmedWatches } from '../../features/migration-tasks/components/caught-up/armed-watches';
import { ListPagination } from '../../features/migration-tasks/components/list-pagination';
import { useSearchParamFilters } from '../../lib/search-params';
import { useSession } from '../../lib/session';
import { useCan } from '../../lib/use-can';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useAuditT } from '../../features/audit/lib/english';

function ActivityPage() {
  const t = useAuditT();
  const operator = useCan('migrationTask:stop');
  const [filters, update] = useSearchParamFilters(auditFilters);
  const problems = auditFilterProblems(filters);
  const valid = Object.keys(problems).length === 0;
  const query = useAuditRecords(toAuditParams(filters), { enabled: valid });
  const { data } = query;
  const filtered = hasActiveAuditFilters(filters);
  const clear = () => update(EMPTY_AUDIT_FILTERS);

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('title')}
        // ActivityRoute names the tab, also while the session loads or when reading is not allowed.
        documentTitle={false}
        subtitle={
          <>
            <Text c="dimmed" size="sm">
              {t('intro')}
            </Text>
            {data && valid && (
              <Text c="dimmed" data-testid="audit-count">
                {t(filtered ? 'countMatching' : 'count', { count: data.count })}
              </Text>
            )}
          </>
        }
        aside={
          valid && (
            <Button variant="light" size="xs" onClick={() => void query.refetch()} loading={query.isFetching}>
              {t('refresh')}
            </Button>
          )
        }
      />

      {operator && <ArmedWatches />}

      <AuditFilters filters={filters} problems={problems} onChange={update} onClear={filtered ? clear : undefined} />

      {!valid && (
        <Text c="dimmed" size="sm" data-testid="audit-filters-invalid">
          {t('filtersInvalid')}
        </Text>
      )}
      {valid && (
        <QueryFailure
          query={query}
          title={t('loadFailed')}
          staleTitle={t('refreshFailed')}
          what={t('recordsWhat')}
        />
      )}
      {valid && query.isPending && !query.failureReason && <AuditTable records={undefined} loadingRows={Math.min(filters.size, 10)} />}
      {valid && data && data.records.length === 0 && (
        <>
          {data.count > 0 ? (
            <EmptyState title={t('pastEndTitle')}>
              <Text c="dimmed">{t('pastEndText', { count: data.count })}</Text>
              <Button variant="light" onClick={() => update({ page: 1 })}>
                {t('firstPage')}
              </Button>
            </EmptyState>
          ) : filtered ? (
            <EmptyState title={t('noMatchTitle')}>
              <Text c="dimmed">{t('noMatchText')}</Text>
              <Button variant="light" onClick={clear}>
                {t('clearFilters')}
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title={t('noneTitle')}>
              <Text c="dimmed">{t('noneText')}</Text>
            </EmptyState>
          )}
        </>
      )}
      {valid && data && data.records.length > 0 && (
        <AuditTable records={data.records} stale={query.isPlaceholderData} />
      )}
      {valid && data && data.count > 0 && (
        <ListPagination
          count={data.count}
          page={filters.page}
          size={filters.size}
          onPageChange={(page) => update({ page })}
          onSizeChange={(size) => update({ size })}
        />
      )}
    </Stack>
  );
}

/** `/activity`: the audit trail of stop attempts, for those allowed to read it ('audit:read'). */
export function ActivityRoute() {
  const t = useAuditT();
  useDocumentTitle(t('title'));
  const session = useSession();
  const allowed = useCan('audit:read');
  if (session.isPending) return <LoadingState label={t('loadingSession')} />;
  if (!session.data) return null; // the layout explains the session error
  if (!allowed) {
    return (
      <EmptyState title={t('forbiddenTitle')}>
        <Text c="dimmed" data-testid="activity-forbidden">
          {t('forbiddenText')}
        </Text>
      </EmptyState>
    );
  }
  return <ActivityPage />;
}
