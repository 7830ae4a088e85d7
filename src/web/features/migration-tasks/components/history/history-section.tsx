import { Group, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { FullSyncEstimate, MigrationTask } from '../../../../../api';
import { isChanging } from '../../../../../api/rules';
import { QueryFailure } from '../../../../components/query-failure';
import { rich, slot } from '../../../../i18n';
import { formatClock, formatExact, formatNumber } from '../../../../lib/format';
import { useCurrentTarget } from '../../../../lib/current-target';
import { HISTORY_POLL_MS, useTaskHistory } from '../../api/get-task-history';
import { isOnlineMigration } from '../../lib/task-display';
import { Section } from '../task-detail/section';
import { etaText, etaUnknownText, hasEta, latest, pointsOf, readableSamples } from './history-data';
import { LineChart, type ChartSeries } from './line-chart';
import { useTaskPageT } from '../../lib/english-task-page';

const COLORS = {
  offset: 'var(--mantine-color-orange-filled)',
  source: 'var(--mantine-color-blue-filled)',
  target: 'var(--mantine-color-teal-filled)',
  ops: 'var(--mantine-color-grape-filled)',
};

const shown = (value: number | null) => (value === null ? '—' : (formatNumber(value) ?? String(value)));

function Estimate({ estimate }: { estimate: FullSyncEstimate }) {
  const t = useTaskPageT();
  return (
    <Group gap="xl" wrap="wrap" data-testid="history-estimate">
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {t('historyRate')}
        </Text>
        <Text size="sm" fw={600}>
          {estimate.percent_per_min === null ? '—' : t('historyRateValue', { rate: estimate.percent_per_min })}
          {estimate.keys_per_s !== null && ` · ${t('historyKeysPerSecond', { keys: estimate.keys_per_s })}`}
        </Text>
      </Stack>
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {t('historyEta')}
        </Text>
        <Text size="sm" fw={600} data-testid="history-eta">
          {hasEta(estimate) ? etaText(estimate.eta_seconds) : t('etaUnknown')}
        </Text>
        {!hasEta(estimate) && (
          <Text size="xs" c="dimmed" data-testid="history-eta-reason">
            {etaUnknownText(estimate.eta_unknown_reason)}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/** The last samples as a table: the figures of the charts for those who cannot see them. */
function SamplesTable({ samples }: { samples: ReturnType<typeof readableSamples> }) {
  const t = useTaskPageT();
  const rows = samples.slice(-30).reverse();
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>
        <Text span size="sm">
          {t('historyTableToggle', { count: rows.length })}
        </Text>
      </summary>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder striped mt="xs" data-testid="history-table">
          <Table.Caption>{t('historyTableCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('historyTime')}</Table.Th>
              <Table.Th scope="col">{t('historyOffset')}</Table.Th>
              <Table.Th scope="col">{t('historyFullSync')}</Table.Th>
              <Table.Th scope="col">{t('historySourceKeys')}</Table.Th>
              <Table.Th scope="col">{t('historyTargetKeys')}</Table.Th>
              <Table.Th scope="col">{t('historyOps')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.at}>
                <Table.Td>
                  <time dateTime={s.at} title={formatExact(new Date(s.time))}>
                    {formatClock(s.time)}
                  </time>
                </Table.Td>
                <Table.Td>{shown(s.offset)}</Table.Td>
                <Table.Td>{s.full_migration_progress === null ? '—' : t('percent', { value: s.full_migration_progress })}</Table.Td>
                <Table.Td>{shown(s.source_dbsize)}</Table.Td>
                <Table.Td>{shown(s.target_dbsize)}</Table.Td>
                <Table.Td>{shown(s.target_ops)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </details>
  );
}

/** Progress over the last hours, from the samples the console keeps for every operator. */
export function HistorySection({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const { id: targetId } = useCurrentTarget();
  const online = isOnlineMigration(task);
  const query = useTaskHistory({ targetId, taskId: task.task_id }, { taskStatus: task.status, enabled: online });
  if (!online) return null;
  const samples = readableSamples(query.data?.samples ?? []);
  const offset = pointsOf(samples, 'offset');
  const source = pointsOf(samples, 'source_dbsize');
  const target = pointsOf(samples, 'target_dbsize');
  const ops = pointsOf(samples, 'target_ops');
  const span = samples.length > 0 ? { from: formatClock(samples[0]!.time), to: formatClock(samples.at(-1)!.time) } : null;
  const chart = (title: string, series: ChartSeries[], summary: string, testId: string) => (
    <LineChart
      title={title}
      series={series}
      summary={summary}
      formatValue={(v) => formatNumber(v) ?? String(v)}
      formatTime={formatClock}
      testId={testId}
    />
  );
  return (
    <Section title={t('historyTitle')} testId="section-history">
      <QueryFailure
        query={query}
        title={t('historyLoadFailed')}
        staleTitle={t('historyRefreshFailed')}
        interval={isChanging(task.status) ? HISTORY_POLL_MS : false}
        what={t('historyWhat')}
      />
      {query.data ? (
        <Stack gap="md">
          <Estimate estimate={query.data.full_sync} />
          {samples.length === 0 || !span ? (
            <Text size="sm" c="dimmed" data-testid="history-empty">
              {t('historyEmpty')}
            </Text>
          ) : samples.length === 1 ? (
            // One sample draws no line: one sentence, not three empty charts around a dot.
            <Text size="sm" c="dimmed" data-testid="history-collecting">
              {rich(t('historyCollecting', { time: slot('time') }), {
                time: (
                  <time dateTime={samples[0]!.at} title={formatExact(new Date(samples[0]!.time))}>
                    {span.from}
                  </time>
                ),
              })}
            </Text>
          ) : (
            <>
              <Text size="xs" c="dimmed">
                {t('historySpan', { count: samples.length, from: span.from, to: span.to })}
              </Text>
              <SimpleGrid cols={1} spacing="lg">
                {chart(
                  t('historyOffset'),
                  [{ label: t('historyOffset'), color: COLORS.offset, points: offset }],
                  t('historyOffsetSummary', { from: span.from, to: span.to, value: shown(latest(offset)) }),
                  'chart-offset',
                )}
                {chart(
                  t('historyKeys'),
                  [
                    { label: t('historySourceKeys'), color: COLORS.source, points: source },
                    { label: t('historyTargetKeys'), color: COLORS.target, points: target, dashed: true },
                  ],
                  t('historyKeysSummary', { from: span.from, to: span.to, source: shown(latest(source)), target: shown(latest(target)) }),
                  'chart-keys',
                )}
                {chart(
                  t('historyOps'),
                  [{ label: t('historyOps'), color: COLORS.ops, points: ops }],
                  t('historyOpsSummary', { from: span.from, to: span.to, value: shown(latest(ops)) }),
                  'chart-ops',
                )}
              </SimpleGrid>
              <SamplesTable samples={samples} />
            </>
          )}
        </Stack>
      ) : (
        !query.isError && <Skeleton height={120} aria-label={t('historyLoading')} />
      )}
    </Section>
  );
}
