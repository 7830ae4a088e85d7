import { Alert, Button, Code, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { canStop, STOP_REASON_MAX, stopUnavailableReason } from '../../../../api/rules';
import { FieldList } from '../../../components/field-list';
import { useCurrentTarget } from '../../targets/lib/current-target';
import { useStopMigrationTask } from '../api/stop-migration-task';
import { oneLine, reasonProblem } from '../lib/stop-reason';
import { stopBlockedReason, useStopEntry, useStopTracker } from '../lib/stop-tracker';
import { migrationMethodLabel, taskDisplayName, taskEndpoints, type TaskLike } from '../lib/task-display';
import { StatusBadge } from './status-badge';
import { StopFailure } from './stop-dialog-alerts';
import { notifyStopRequested } from './stop-notifications';

interface StopTaskDialogProps {
  task: TaskLike;
  opened: boolean;
  onClose: () => void;
}

export function StopTaskDialog({ task, opened, onClose }: StopTaskDialogProps) {
  const tracker = useStopTracker();
  const { id: targetId } = useCurrentTarget();
  const name = taskDisplayName(task);
  const mutation = useStopMigrationTask({
    onStopped: (returned) => {
      tracker.track({ targetId, taskId: task.task_id, name });
      notifyStopRequested(targetId, returned, name);
    },
    onOutcomeUnknown: (sentAt) => tracker.trackUnknown({ targetId, taskId: task.task_id, name, requestedAt: sentAt }),
  });
  const entry = useStopEntry({ targetId, taskId: task.task_id });
  const blocked = stopBlockedReason(entry);
  const submitting = useRef(false);
  const [reason, setReason] = useState('');
  const problem = reasonProblem(reason);
  const pending = mutation.isPending;
  const { source, target } = taskEndpoints(task);
  const method = migrationMethodLabel(task.migration_method);
  const stoppable = canStop(task.status) && blocked === null;

  const close = () => {
    if (submitting.current) return;
    mutation.reset();
    setReason('');
    onClose();
  };

  const confirm = () => {
    if (submitting.current || !stoppable || problem) return; // one request per confirmation, whatever the clicks
    submitting.current = true;
    mutation.mutate(
      { targetId, taskId: task.task_id, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          mutation.reset();
          setReason('');
          onClose();
        },
        onSettled: () => {
          submitting.current = false;
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Stop migration task?"
      closeOnClickOutside={!pending}
      closeOnEscape={!pending}
      closeButtonProps={{ disabled: pending, 'aria-label': 'Close' }}
      size="lg"
    >
      <Stack gap="md">
        <Text>
          You are about to stop <strong>{name}</strong>.
        </Text>
        <FieldList
          fields={[
            { label: 'Task', value: task.task_name },
            { label: 'Task ID', value: <Code>{task.task_id}</Code> },
            { label: 'Source → target', value: `${source} → ${target}` },
            { label: 'Method', value: method },
            { label: 'Current status', value: <StatusBadge status={task.status} /> },
          ]}
        />
        <Alert color="orange" variant="light" title="This cannot be undone" role="note">
          A stopped migration task cannot be resumed. Restarting it later means a full resynchronisation of the data.
          {task.migration_method === 'incremental_migration' &&
            ' Once it has stopped, writes to the source no longer reach the target.'}
        </Alert>
        {!stoppable && !pending && (
          <Text size="sm" c="dimmed">
            {blocked ?? stopUnavailableReason(task.status)}
          </Text>
        )}
        <Stack gap={4}>
          <Textarea
            label="Reason"
            description="Optional. Recorded in the audit trail with your name."
            placeholder="e.g. Cut-over finished; source is being decommissioned"
            autosize
            minRows={2}
            maxRows={6}
            value={reason}
            onChange={(event) => setReason(oneLine(event.currentTarget.value))}
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.preventDefault(); // one line; Enter must not submit a stop either
            }}
            error={problem}
            disabled={pending}
          />
          <Text
            size="xs"
            c={reason.trim().length > STOP_REASON_MAX ? 'red.8' : 'dimmed'}
            ta="right"
            data-testid="stop-reason-count"
          >
            {reason.length} / {STOP_REASON_MAX}
          </Text>
        </Stack>
        {mutation.isError && <StopFailure error={mutation.error} entry={entry} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={pending} disabled={pending || !stoppable || problem !== null}>
            Stop task
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
