// The overview page: the console's periodic read of every target, as cards (features/overview).
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { QueryFailure } from '../../components/query-failure';
import { EmptyState, LoadingState } from '../../components/states';
import { overviewRefetchInterval, useOverview } from '../../features/overview/api/get-overview';
import { TargetCard } from '../../features/overview/components/target-card';
import { useOverviewT } from '../../features/overview/lib/english';
import { serverClock } from '../../features/overview/lib/overview-display';

/**
 * `/`: every target at a glance, for everyone who may list tasks (nothing on it acts on a task).
 * Follows the console's own reads of the targets (every scan_interval_s).
 */
export function OverviewRoute() {
  const t = useOverviewT();
  const query = useOverview();
  const { data } = query;
  const interval = overviewRefetchInterval(data);
  const clock = data ? serverClock(data, query.dataUpdatedAt) : null;
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('title')}
        subtitle={
          <Text c="dimmed" size="sm">
            {t('intro')} {t('scanEvery', { seconds: interval / 1000 })}
          </Text>
        }
      />
      <QueryFailure query={query} title={t('loadFailed')} staleTitle={t('refreshFailed')} interval={interval} what={t('what')} />
      {query.isPending && !query.failureReason && <LoadingState label={t('loading')} />}
      {data && data.targets.length === 0 && <EmptyState title={t('noTargets')} />}
      {data && clock && data.targets.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" data-testid="overview">
          {data.targets.map((target) => (
            <TargetCard key={target.target} target={target} clock={clock} scanSeconds={interval / 1000} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
