import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { canStop, stopUnavailableReason } from '../../../../api';
import { ErrorAlert } from '../../../components/error-alert';
import { FieldList } from '../../../components/field-list';
import { useCurrentTarget } from '../../targets/lib/current-target';
import { useStopMigrationTask } from '../api/stop-migration-task';
import { useStopTracker } from '../lib/stop-tracker';
import { migrationMethodLabel, taskDisplayName, taskEndpoints, type TaskLike } from '../lib/task-display';
import { StatusBadge } from './status-badge';
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
  });
  const submitting = useRef(false);
  const pending = mutation.isPending;
  const { source, target } = taskEndpoints(task);
  const method = migrationMethodLabel(task.migration_method);
  const stoppable = canStop(task.status);

  const close = () => {
    if (submitting.current) return;
    mutation.reset();
    onClose();
  };

  const confirm = () => {
    if (submitting.current || !stoppable) return; // one request per confirmation, whatever the clicks
    submitting.current = true;
    mutation.mutate(
      { targetId, taskId: task.task_id },
      {
        onSuccess: () => {
          mutation.reset();
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
            {stopUnavailableReason(task.status)}
          </Text>
        )}
        {mutation.isError && <ErrorAlert error={mutation.error} title="The stop was not accepted" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={pending} disabled={pending || !stoppable}>
            Stop task
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
