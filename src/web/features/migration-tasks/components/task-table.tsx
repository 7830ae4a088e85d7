import { Checkbox, Skeleton, Table, VisuallyHidden } from '@mantine/core';
import type { CaughtUpWatch, MigrationTaskSummary } from '../../../../api';
import { useT } from '../../../i18n';
import { useCurrentTarget } from '../../../lib/current-target';
import { stopKey, useStopEntries } from '../lib/stop-tracker';
import { selectionBlockedReason } from './batch-stop/use-batch-selection';
import { TaskRow } from './task-row';
import './task-table.css';

/** The columns by heading, and the `data-column` name by which task-table.css drops them on a narrow screen. */
const COLUMNS = [
  ['columnName', 'name'],
  ['columnId', 'id'],
  ['columnStatus', 'status'],
  ['columnType', 'type'],
  ['columnMethod', 'method'],
  ['columnEndpoints', 'endpoints'],
  ['columnChanged', 'changed'],
  ['columnCreated', 'created'],
] as const;

function SkeletonRows({ rows, selectable }: { rows: number; selectable: boolean }) {
  return Array.from({ length: rows }, (_, i) => (
    <Table.Tr key={i} data-testid="task-row-skeleton">
      {[...(selectable ? ['select'] : []), ...COLUMNS.map(([, column]) => column), 'actions'].map((column) => (
        <Table.Td key={column} data-column={column}>
          <Skeleton height={14} radius="sm" />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}

/** Row selection for a batch stop; absent for a session that may not stop tasks. */
export interface TableSelection {
  ids: ReadonlySet<string>;
  onToggle: (task: MigrationTaskSummary, checked: boolean) => void;
  onToggleAll: (tasks: MigrationTaskSummary[], checked: boolean) => void;
}

interface TaskTableProps {
  tasks: MigrationTaskSummary[] | undefined;
  loadingRows?: number;
  /** Showing the previous page's rows while the next loads. */
  stale?: boolean;
  selection?: TableSelection;
  /** The row the keyboard (j/k) points at. */
  highlightedId?: string | null;
  onRowFocus?: (taskId: string) => void;
  /** Active "stop when caught up" watches by task id. */
  watches?: ReadonlyMap<string, CaughtUpWatch>;
}

export function TaskTable({ tasks, loadingRows = 5, stale, selection, highlightedId, onRowFocus, watches }: TaskTableProps) {
  const t = useT('list');
  const tb = useT('batch');
  const { id: targetId } = useCurrentTarget();
  const entries = useStopEntries();
  const blocked = (task: MigrationTaskSummary) => selectionBlockedReason(task, entries.get(stopKey({ targetId, taskId: task.task_id })), tb);
  const selectable = (tasks ?? []).filter((task) => blocked(task) === null);
  const chosen = selectable.filter((task) => selection?.ids.has(task.task_id)).length;

  return (
    <div className="dcs-task-table">
      <Table.ScrollContainer minWidth={1000} classNames={{ scrollContainerInner: 'dcs-task-table-inner' }}>
        <Table
          striped
          highlightOnHover
          verticalSpacing="sm"
          aria-busy={!tasks || stale ? true : undefined}
          style={{ opacity: stale ? 0.6 : 1 }}
        >
          <VisuallyHidden component="caption">{t('tableCaption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              {selection && (
                <Table.Th scope="col" w={40} data-column="select">
                  <Checkbox
                    aria-label={tb('selectAllOnPage')}
                    checked={chosen > 0 && chosen === selectable.length}
                    indeterminate={chosen > 0 && chosen < selectable.length}
                    disabled={selectable.length === 0}
                    onChange={(event) => selection.onToggleAll(selectable, event.currentTarget.checked)}
                  />
                </Table.Th>
              )}
              {COLUMNS.map(([key, column]) => (
                <Table.Th key={key} scope="col" data-column={column}>
                  {t(key)}
                </Table.Th>
              ))}
              <Table.Th scope="col" data-column="actions">
                <VisuallyHidden>{t('columnActions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks ? (
              tasks.map((task) => (
                <TaskRow
                  key={task.task_id}
                  task={task}
                  highlighted={task.task_id === highlightedId}
                  onFocus={onRowFocus}
                  watch={watches?.get(task.task_id)}
                  selection={
                    selection && {
                      checked: selection.ids.has(task.task_id),
                      blockedReason: blocked(task),
                      onChange: (checked) => selection.onToggle(task, checked),
                    }
                  }
                />
              ))
            ) : (
              <SkeletonRows rows={loadingRows} selectable={Boolean(selection)} />
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
