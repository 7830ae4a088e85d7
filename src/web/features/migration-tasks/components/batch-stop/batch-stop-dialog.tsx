import { Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useT } from '../../../../i18n';
import { useBatchDialogT } from './english';
import { useBatchStopMigrationTasks, type BatchStopProgress } from '../../api/batch-stop-migration-tasks';
import { useStopTracker } from '../../lib/stop-tracker';
import type { TaskLike } from '../../lib/task-display';
import { reasonProblem } from '../../lib/stop-reason';
import { followBatch } from './batch-follow';
import { BatchStopConfirm, isIncremental, useTypedCountCheck } from './batch-stop-confirm';
import { BatchStopReport } from './batch-stop-report';

interface BatchStopDialogProps {
  targetId: string;
  /** The selection when the dialog opened; later changes to the selection do not reach it. */
  tasks: TaskLike[];
  onClose: () => void;
  onSent: (taskIds: string[]) => void;
}

/** Confirm once, send in batches of at most 50 with progress, then report per task and follow the accepted ones. */
export default function BatchStopDialog({ targetId, tasks: opened, onClose, onSent }: BatchStopDialogProps) {
  const t = useBatchDialogT();
  const tb = useT('batch');
  const [tasks] = useState(opened);
  const tracker = useStopTracker();
  const mutation = useBatchStopMigrationTasks();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [progress, setProgress] = useState<BatchStopProgress | null>(null);
  const submitting = useRef(false);

  const running = mutation.isPending;
  const done = mutation.isSuccess;
  const needsTyping = tasks.some(isIncremental);
  const isCount = useTypedCountCheck(tasks.length);
  const typedOk = !needsTyping || isCount(typed);
  const problem = reasonProblem(reason);

  const confirm = () => {
    if (submitting.current || !typedOk || problem || tasks.length === 0) return; // one run per confirmation
    submitting.current = true;
    // Follows every task whose stop may have been applied, as the single stop does, told by one notification for the run.
    const batch = followBatch({ targetId, tasks, tracker });
    mutation.mutate(
      {
        targetId,
        taskIds: tasks.map((task) => task.task_id),
        reason: reason.trim() || undefined,
        onProgress: setProgress,
        onBatchAnswered: batch.answer,
      },
      {
        onSuccess: ({ outcomes }) =>
          onSent([...outcomes].filter(([, outcome]) => outcome.kind !== 'not-sent' && outcome.kind !== 'failed').map(([id]) => id)),
      },
    );
  };

  const close = () => {
    if (running) return;
    onClose();
  };

  return (
    <Modal
      opened
      onClose={close}
      title={done ? t('reportTitle') : t('confirmTitle', { count: tasks.length })}
      closeOnClickOutside={!running}
      closeOnEscape={!running}
      closeButtonProps={{ disabled: running, 'aria-label': t('close') }}
      size="xl"
    >
      <Stack gap="md">
        {done && progress ? (
          <BatchStopReport targetId={targetId} tasks={tasks} outcomes={progress.outcomes} />
        ) : (
          <BatchStopConfirm
            tasks={tasks}
            reason={reason}
            onReasonChange={setReason}
            typed={typed}
            onTypedChange={setTyped}
            disabled={running}
          />
        )}
        {running && progress && (
          <Stack gap={4} role="status" data-testid="batch-progress">
            <Text size="sm">{t('sendingBatch', { batch: progress.batch, batches: progress.batches })}</Text>
            <Progress value={((progress.batch - 1) / progress.batches) * 100} aria-hidden />
          </Stack>
        )}
        {mutation.isError && (
          <Text c="red" size="sm" role="alert">
            {t('runFailed')}
          </Text>
        )}
        <Group justify="flex-end">
          {done ? (
            <Button onClick={close} data-autofocus>
              {t('done')}
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={close} disabled={running} data-autofocus>
                {t('cancel')}
              </Button>
              <Button color="red" onClick={confirm} loading={running} disabled={running || !typedOk || problem !== null}>
                {tb('stopSelected', { count: tasks.length })}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
