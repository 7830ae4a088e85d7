import { Anchor, Checkbox, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { CaughtUpWatch, MigrationTaskSummary } from '../../../../api';
import { CopyId } from '../../../components/copy-id';
import { RelativeTime } from '../../../components/date-time';
import { useT } from '../../../i18n';
import { MISSING } from '../../../lib/format';
import { taskPath } from '../../../lib/paths';
import { useCurrentTarget } from '../../../lib/current-target';
import { migrationMethodLabel, migrationTypeLabel, shortId, taskEndpoints } from '../lib/task-display';
import { StatusBadge } from '../../../components/status-badge';
import { RowWatchBadge } from './caught-up/row-watch-badge';
import { LastChanged } from './last-changed';
import { StopTaskButton } from './stop-task-button';

export interface RowSelection {
  checked: boolean;
  /** Why the task cannot be selected, or null. */
  blockedReason: string | null;
  onChange: (checked: boolean) => void;
}

/** The keyboard's row: a bar in the theme's primary colour on the left, and a tinted background. */
const HIGHLIGHTED = {
  boxShadow: 'inset 4px 0 0 var(--mantine-primary-color-filled)',
  backgroundColor: 'var(--mantine-primary-color-light)',
};

interface TaskRowProps {
  task: MigrationTaskSummary;
  selection?: RowSelection;
  highlighted?: boolean;
  onFocus?: (taskId: string) => void;
  /** An active "stop when caught up" watch on the task. */
  watch?: CaughtUpWatch;
}

export function TaskRow({ task, selection, highlighted = false, onFocus, watch }: TaskRowProps) {
  const t = useT('list');
  const tb = useT('batch');
  const reasonId = useId();
  const location = useLocation();
  const { id: targetId } = useCurrentTarget();
  const { source, target } = taskEndpoints(task);
  const name = task.task_name || t('unnamedTask');
  return (
    <Table.Tr
      data-testid="task-row"
      data-task-id={task.task_id}
      data-highlighted={highlighted || undefined}
      style={highlighted ? HIGHLIGHTED : undefined}
      onFocus={() => onFocus?.(task.task_id)}
    >
      {selection && (
        <Table.Td title={selection.blockedReason ?? undefined} data-column="select">
          <Checkbox
            aria-label={tb('selectTask', { name })}
            checked={selection.checked && !selection.blockedReason}
            disabled={selection.blockedReason !== null}
            aria-describedby={selection.blockedReason ? reasonId : undefined}
            onChange={(event) => selection.onChange(event.currentTarget.checked)}
          />
          {selection.blockedReason && <VisuallyHidden id={reasonId}>{selection.blockedReason}</VisuallyHidden>}
        </Table.Td>
      )}
      <Table.Td data-column="name">
        <Stack gap={4} align="flex-start">
          <Anchor
            component={Link}
            to={taskPath(targetId, task.task_id)}
            state={{ listSearch: location.search }}
            fw={600}
            data-task-link
          >
            {name}
          </Anchor>
          {watch && <RowWatchBadge watch={watch} />}
        </Stack>
      </Table.Td>
      <Table.Td data-column="id">
        <CopyId value={task.task_id} display={shortId(task.task_id)} label={t('columnId')} />
      </Table.Td>
      <Table.Td data-column="status">
        <StatusBadge status={task.status} />
      </Table.Td>
      <Table.Td data-column="type">{migrationTypeLabel(task.migration_type) ?? MISSING}</Table.Td>
      <Table.Td data-column="method">{migrationMethodLabel(task.migration_method) ?? MISSING}</Table.Td>
      <Table.Td data-column="endpoints">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {source} → {target}
        </Text>
      </Table.Td>
      <Table.Td data-column="changed">
        <LastChanged since={task.console_status_since} seen={task.console_status_change_seen} />
      </Table.Td>
      <Table.Td data-column="created">
        <RelativeTime value={task.created_at} size="sm" tabStop={false} />
      </Table.Td>
      <Table.Td ta="right" data-column="actions">
        <StopTaskButton task={task} variant="row" />
      </Table.Td>
    </Table.Tr>
  );
}
