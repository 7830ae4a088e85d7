import { Alert, Group, ScrollArea, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { STOP_REASON_MAX } from '../../../../../api/rules';
import { useLocale } from '../../../../i18n';
import { useBatchDialogT } from './english';
import { reasonProblem } from '../../lib/stop-reason';
import { StopReasonField } from '../stop-reason-field';
import { taskDisplayName, taskEndpoints, type TaskLike } from '../../lib/task-display';
import { StatusBadge } from '../../../../components/status-badge';

export const isIncremental = (task: TaskLike) => task.migration_method === 'incremental_migration';

/** Whether `typed` is the count, written plainly ("1234") or as the label shows it ("1,234"). */
export function useTypedCountCheck(count: number): (typed: string) => boolean {
  const { locale } = useLocale();
  const accepted = [String(count), new Intl.NumberFormat(locale).format(count)];
  return (typed) => accepted.includes(typed.trim());
}

interface BatchStopConfirmProps {
  tasks: TaskLike[];
  reason: string;
  onReasonChange: (reason: string) => void;
  /** Shown when an incremental migration is among the tasks: the count must be typed. */
  typed: string;
  onTypedChange: (typed: string) => void;
  disabled: boolean;
}

/** What is about to be stopped, what that means, the reason and, for incremental migrations, the typed count. */
export function BatchStopConfirm({ tasks, reason, onReasonChange, typed, onTypedChange, disabled }: BatchStopConfirmProps) {
  const t = useBatchDialogT();
  const incremental = tasks.filter(isIncremental).length;
  const problem = reasonProblem(reason); // the single stop's rule and words
  return (
    <Stack gap="md">
      <Text>{t('confirmIntro', { count: tasks.length })}</Text>
      <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('listCaption') }}>
        <Table verticalSpacing={4} data-testid="batch-task-list">
          <VisuallyHidden component="caption">{t('listCaption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('columnTask')}</Table.Th>
              <Table.Th scope="col">{t('columnStatus')}</Table.Th>
              <Table.Th scope="col">{t('columnEndpoints')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => {
              const { source, target } = taskEndpoints(task);
              return (
                <Table.Tr key={task.task_id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {taskDisplayName(task)}
                    </Text>
                    {isIncremental(task) && (
                      <Text size="xs" c="orange">
                        {t('incrementalTag')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={task.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {source} → {target}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Alert color="orange" variant="light" title={t('meaningTitle')} role="note">
        {t('meaningText')}
        {incremental > 0 && ` ${t('meaningIncremental', { count: incremental })}`}
      </Alert>
      <Stack gap={4}>
        <StopReasonField
          label={t('reasonLabel')}
          description={t('reasonDescription')}
          minRows={2}
          maxRows={5}
          value={reason}
          onChange={onReasonChange}
          error={problem}
          disabled={disabled}
        />
        <Group justify="flex-end">
          <Text size="xs" c={reason.trim().length > STOP_REASON_MAX ? 'red' : 'dimmed'} data-testid="batch-reason-count">
            {t('reasonCount', { length: reason.length, max: STOP_REASON_MAX })}
          </Text>
        </Group>
      </Stack>
      {incremental > 0 && (
        <TextInput
          label={t('typeToConfirmLabel', { count: tasks.length })}
          description={t('typeToConfirmDescription', { count: incremental })}
          inputMode="numeric"
          autoComplete="off"
          value={typed}
          onChange={(event) => onTypedChange(event.currentTarget.value)}
          disabled={disabled}
        />
      )}
    </Stack>
  );
}
