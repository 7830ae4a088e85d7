import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { QueryFailure } from '../../components/query-failure';
import { EmptyState, LoadingState } from '../../components/states';
import { useAuditRecords } from '../../features/audit/api/get-audit-records';
import { AuditFilters } from '../../features/audit/components/audit-filters';
import { AuditTable } from '../../features/audit/components/audit-table';
import { useAuditFilters } from '../../features/audit/hooks/use-audit-filters';
import {
  auditFilterProblems,
  EMPTY_AUDIT_FILTERS,
  hasActiveAuditFilters,
  toAuditParams,
} from '../../features/audit/lib/audit-search-params';
import { ListPagination } from '../../features/migration-tasks/components/list-pagination';
import { useSession } from '../../features/session/api/get-session';
import { useCan } from '../../features/session/hooks/use-can';
import { useDocumentTitle } from '../../lib/use-document-title';

function ActivityPage() {
  const [filters, update] = useAuditFilters();
  const problems = auditFilterProblems(filters);
  const valid = Object.keys(problems).length === 0;
  const query = useAuditRecords(toAuditParams(filters), { enabled: valid });
  const { data } = query;
  const filtered = hasActiveAuditFilters(filters);
  const clear = () => update(EMPTY_AUDIT_FILTERS);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            Activity
          </Title>
          <Text c="dimmed" size="sm">
            Every stop attempt made through this console, newest first: who, when, why, and what the cloud answered.
          </Text>
          {data && valid && (
            <Text c="dimmed" data-testid="audit-count">
              {data.count} {data.count === 1 ? 'stop attempt' : 'stop attempts'}
              {filtered ? ' match' : ''}
            </Text>
          )}
        </div>
        {valid && (
          <Button variant="light" size="xs" onClick={() => void query.refetch()} loading={query.isFetching}>
            Refresh
          </Button>
        )}
      </Group>

      <AuditFilters filters={filters} problems={problems} onChange={update} onClear={filtered ? clear : undefined} />

      {!valid && (
        <Text c="dimmed" size="sm" data-testid="audit-filters-invalid">
          Correct the filters above to see the activity.
        </Text>
      )}
      {valid && (
        <QueryFailure
          query={query}
          title="Could not load the activity"
          staleTitle="Could not refresh the activity"
          what="the records"
        />
      )}
      {valid && query.isPending && !query.failureReason && <AuditTable records={undefined} loadingRows={Math.min(filters.size, 10)} />}
      {valid && data && data.records.length === 0 && (
        <>
          {data.count > 0 ? (
            <EmptyState title="No records on this page">
              <Text c="dimmed">
                There are {data.count} matching stop attempts, but this page is past the end of the list.
              </Text>
              <Button variant="light" onClick={() => update({ page: 1 })}>
                Go to the first page
              </Button>
            </EmptyState>
          ) : filtered ? (
            <EmptyState title="No stop attempts match">
              <Text c="dimmed">No stop attempt matches the task, user, target or time filters.</Text>
              <Button variant="light" onClick={clear}>
                Clear filters
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title="No stop attempts yet">
              <Text c="dimmed">
                Every stop sent through the console will be listed here, with who sent it, when, why and the outcome.
              </Text>
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
  useDocumentTitle('Activity');
  const session = useSession();
  const allowed = useCan('audit:read');
  if (session.isPending) return <LoadingState label="Loading your session…" />;
  if (!session.data) return null; // the layout explains the session error
  if (!allowed) {
    return (
      <EmptyState title="You are not allowed to see the activity">
        <Text c="dimmed" data-testid="activity-forbidden">
          The activity (who stopped which task, when and why) is for operators. Your role does not include it.
        </Text>
      </EmptyState>
    );
  }
  return <ActivityPage />;
}
