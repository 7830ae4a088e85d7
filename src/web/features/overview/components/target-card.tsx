// One target of the overview: label, region, whether its cloud answers, the data's age, counts by
// status, what needs attention, and the link to its tasks.
import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { OverviewTarget } from '../../../../api';
import { ErrorDetails } from '../../../components/error-alert';
import { formatAge } from '../../../lib/format';
import { listPath } from '../../../lib/paths';
import { useNow } from '../../../lib/use-now';
import { useOverviewT } from '../lib/english';
import { ageOf, readError, type ServerClock } from '../lib/overview-display';
import { AttentionList } from './attention-list';
import { StatusCounts } from './status-counts';

function Reachability({ reachable }: { reachable: boolean | null }) {
  const t = useOverviewT();
  const [color, text] =
    reachable === true ? ['green', t('answering')] : reachable === false ? ['red', t('notAnswering')] : ['gray', t('notReadYet')];
  return (
    <Badge color={color} variant={reachable === null ? 'outline' : 'light'} data-testid="overview-reachability">
      {text}
    </Badge>
  );
}

/** "Read 12 s ago", counting on every second; or when the first read comes. */
function DataAge({ readAt, clock, scanSeconds }: { readAt: string | null; clock: ServerClock; scanSeconds: number }) {
  const t = useOverviewT();
  const age = ageOf(readAt, clock, useNow(1000));
  return (
    <Text size="sm" c="dimmed" data-testid="overview-age" aria-live="off">
      {age === null ? t('firstReadSoon', { seconds: scanSeconds }) : t('readAgo', { age: formatAge(age) })}
    </Text>
  );
}

/** The last read failed: the cloud (or the way to it) is not answering. Says whether what is shown is older. */
function Unreachable({ target }: { target: OverviewTarget }) {
  const t = useOverviewT();
  const error = readError(target.error);
  return (
    <Alert color="red" variant="light" role="status" title={t('unreachableTitle')} data-testid="overview-unreachable">
      <Stack gap={6}>
        {error && <ErrorDetails error={error} />}
        <Text size="sm">{target.read_at === null ? t('unreachableNoData') : t('unreachableStale')}</Text>
      </Stack>
    </Alert>
  );
}

interface TargetCardProps {
  target: OverviewTarget;
  clock: ServerClock;
  scanSeconds: number;
}

/** One target at a glance: where it is, whether the cloud answers, counts, what needs attention, the way to its tasks. */
export function TargetCard({ target, clock, scanSeconds }: TargetCardProps) {
  const t = useOverviewT();
  const headingId = useId();
  const read = target.read_at !== null;
  const attention = Array.isArray(target.attention) ? target.attention : [];
  return (
    <Paper
      component="section"
      withBorder
      radius="md"
      p="md"
      aria-labelledby={headingId}
      data-testid="overview-target"
      data-target={target.target}
      data-reachable={String(target.reachable)}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Title order={2} size="h4" id={headingId}>
              {target.label}
            </Title>
            <Text size="sm" c="dimmed">
              {t('region', { region: target.region })}
            </Text>
          </div>
          <Reachability reachable={target.reachable} />
        </Group>
        {(read || target.reachable === null) && <DataAge readAt={target.read_at} clock={clock} scanSeconds={scanSeconds} />}
        {target.reachable === false && <Unreachable target={target} />}
        {read && <StatusCounts target={target} />}
        {(read || attention.length > 0) && <AttentionList items={attention} targetId={target.target} clock={clock} />}
        <Anchor component={Link} to={listPath(target.target)} size="sm" fw={600} data-testid="overview-all-tasks">
          {t('allTasks')}{' '}
          <VisuallyHidden component="span">{t('allTasksOf', { target: target.label })}</VisuallyHidden>
        </Anchor>
      </Stack>
    </Paper>
  );
}
