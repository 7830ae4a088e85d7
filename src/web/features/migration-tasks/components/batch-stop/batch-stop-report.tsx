import { Alert, Badge, Code, Group, Loader, ScrollArea, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useLocale } from '../../../../i18n';
import { useBatchDialogT } from './english';
import { isApiError } from '../../../../lib/api-client';
import type { BatchTaskOutcome } from '../../api/batch-stop-migration-tasks';
import { getMigrationTaskQueryOptions } from '../../api/get-migration-task';
import { useStopEntry } from '../../lib/stop-tracker';
import { taskDisplayName, type TaskLike } from '../../lib/task-display';
import { StatusBadge } from '../../../../components/status-badge';

type Kind = BatchTaskOutcome['kind'];
const KIND_COLORS: Record<Kind, string> = { accepted: 'green', refused: 'red', unknown: 'yellow', failed: 'red', 'not-sent': 'gray' };
const KIND_KEYS = {
  accepted: 'outcomeAccepted',
  refused: 'outcomeRefused',
  unknown: 'outcomeUnknown',
  failed: 'outcomeFailed',
  'not-sent': 'outcomeNotSent',
} as const satisfies Record<Kind, string>;

/** What an error code means for the operator, from the `errors` catalogue; null for a code it does not know. */
function useErrorExplanation() {
  const { catalog } = useLocale();
  const explanations = catalog.errors as Record<string, unknown>;
  return (code: string) => {
    const text = explanations[code];
    return typeof text === 'string' ? text : null;
  };
}

/** The task's status as last read (the StopFollower polls the followed ones); a spinner until a followed stop has settled. */
function CurrentStatus({ targetId, task, followed }: { targetId: string; task: TaskLike; followed: boolean }) {
  const t = useBatchDialogT();
  const ref = { targetId, taskId: task.task_id };
  const entry = useStopEntry(ref);
  // From the cache only: this view never polls by itself.
  const { data } = useQuery({ ...getMigrationTaskQueryOptions(ref), enabled: false });
  const settled = entry?.settledAt !== undefined;
  const status = followed && settled ? entry?.settledStatus : (data?.status ?? task.status);
  const note = !followed || !entry ? null : entry.lost ? t('followLost') : settled ? t('followSettled') : t('following');
  return (
    <Stack gap={2}>
      <StatusBadge status={status} />
      {note && (
        <Group gap={4} wrap="nowrap">
          {!settled && <Loader size={10} aria-hidden />}
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function OutcomeDetail({ outcome }: { outcome: BatchTaskOutcome }) {
  const t = useBatchDialogT();
  const explain = useErrorExplanation();
  switch (outcome.kind) {
    case 'refused':
      return (
        <Text size="sm">
          {outcome.code && <Code>{outcome.code}</Code>} {outcome.message ?? t('refusedNoMessage')}
        </Text>
      );
    case 'failed': {
      const code = isApiError(outcome.error) ? outcome.error.code : null;
      return (
        <Text size="sm">
          {code && <Code>{code}</Code>} {(code && explain(code)) ?? t('failedText')}
        </Text>
      );
    }
    case 'unknown':
      return <Text size="sm">{t('unknownText')}</Text>;
    case 'not-sent':
      return <Text size="sm">{t('notSentText')}</Text>;
    default:
      return <Text size="sm">{t('acceptedText')}</Text>;
  }
}

/** The first request-level failure of the run, explained, with its codes and request id. */
function RequestFailure({ error }: { error: unknown }) {
  const t = useBatchDialogT();
  const explain = useErrorExplanation();
  if (!isApiError(error)) return <Alert color="red" title={t('requestFailedTitle')}>{t('failedText')}</Alert>;
  return (
    <Alert color="red" variant="light" title={t('requestFailedTitle')} data-testid="batch-request-failure">
      <Stack gap={4}>
        <Text size="sm">{explain(error.code) ?? error.message}</Text>
        <Text size="xs" c="dimmed">
          {t('requestFailedCodes', { code: error.code, status: error.status || '—', requestId: error.request_id ?? '—' })}
          {error.upstream?.error_code ? ` · ${error.upstream.error_code}` : ''}
        </Text>
      </Stack>
    </Alert>
  );
}

interface BatchStopReportProps {
  targetId: string;
  tasks: TaskLike[];
  outcomes: ReadonlyMap<string, BatchTaskOutcome>;
}

/** One line per task: accepted (then followed), refused with the cloud's code and message, or not applied and why. */
export function BatchStopReport({ targetId, tasks, outcomes }: BatchStopReportProps) {
  const t = useBatchDialogT();
  const counts = new Map<Kind, number>();
  for (const outcome of outcomes.values()) counts.set(outcome.kind, (counts.get(outcome.kind) ?? 0) + 1);
  const requestFailure = [...outcomes.values()].find((o): o is Extract<BatchTaskOutcome, { kind: 'failed' }> => o.kind === 'failed');
  return (
    <Stack gap="md" data-testid="batch-report">
      <Group gap="xs" role="status" data-testid="batch-summary">
        {(Object.keys(KIND_KEYS) as Kind[])
          .filter((kind) => counts.get(kind))
          .map((kind) => (
            <Badge key={kind} color={KIND_COLORS[kind]} variant="light">
              {t(`${KIND_KEYS[kind]}Count`, { count: counts.get(kind) ?? 0 })}
            </Badge>
          ))}
      </Group>
      {requestFailure && <RequestFailure error={requestFailure.error} />}
      <ScrollArea.Autosize mah={340} type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('reportCaption') }}>
        <Table verticalSpacing={6}>
          <VisuallyHidden component="caption">{t('reportCaption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('columnTask')}</Table.Th>
              <Table.Th scope="col">{t('columnOutcome')}</Table.Th>
              <Table.Th scope="col">{t('columnLiveStatus')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => {
              const outcome = outcomes.get(task.task_id) ?? { kind: 'not-sent' as const };
              const followed = outcome.kind === 'accepted' || outcome.kind === 'unknown';
              return (
                <Table.Tr key={task.task_id} data-testid="batch-report-row" data-task-id={task.task_id} data-outcome={outcome.kind}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {taskDisplayName(task)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Badge color={KIND_COLORS[outcome.kind]} variant="light" w="fit-content">
                        {t(KIND_KEYS[outcome.kind])}
                      </Badge>
                      <OutcomeDetail outcome={outcome} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <CurrentStatus targetId={targetId} task={task} followed={followed} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
