import { Button, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { stopUnavailableReason } from '../../../../api/rules';
import { useCan } from '../../session/hooks/use-can';
import { useCurrentTarget } from '../../targets/lib/current-target';
import { stopBlockedReason, useStopEntry } from '../lib/stop-tracker';
import type { TaskLike } from '../lib/task-display';
import { StopTaskDialog } from './stop-task-dialog';

/**
 * Stop for one task: enabled only when the status allows it and no stop of it from this tab has an
 * unknown outcome (the reason otherwise in a tooltip), hidden when the session may not stop tasks.
 * Opens the confirmation dialog.
 */
export function StopTaskButton({ task, variant }: { task: TaskLike; variant: 'row' | 'page' }) {
  const allowed = useCan('migrationTask:stop');
  const [opened, { open, close }] = useDisclosure(false);
  const reasonId = useId();
  const { id: targetId } = useCurrentTarget();
  const entry = useStopEntry({ targetId, taskId: task.task_id });
  if (!allowed) return null;

  const reason = stopBlockedReason(entry) ?? stopUnavailableReason(task.status);
  const row = variant === 'row';
  const button = (
    <Button
      color="red"
      variant={row ? 'outline' : 'filled'}
      size={row ? 'compact-sm' : 'sm'}
      aria-label={row ? `Stop ${task.task_name ?? task.task_id}` : undefined}
      disabled={reason !== null}
      aria-describedby={reason ? reasonId : undefined}
      onClick={open}
    >
      Stop
    </Button>
  );

  return (
    <>
      {reason ? (
        <Tooltip label={reason} withArrow multiline maw={280}>
          <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>
            {button}
            <VisuallyHidden id={reasonId}>{reason}</VisuallyHidden>
          </span>
        </Tooltip>
      ) : (
        button
      )}
      <StopTaskDialog task={task} opened={opened} onClose={close} />
    </>
  );
}
