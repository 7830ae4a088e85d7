import { Alert, Button, Code, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { canStop, STOP_REASON_MAX } from '../../../../api/rules';
import { FieldList } from '../../../components/field-list';
import { isApiError } from '../../../lib/api-client';
import { useCurrentTarget } from '../../../lib/current-target';
import { useStopMigrationTask } from '../api/stop-migration-task';
import { useRereadAfterFailedStop } from '../hooks/use-reread-after-failed-stop';
import { stopUnavailableText } from '../lib/status-display';
import { isStopOutcomeUnknown } from '../lib/stop-outcome';
import { reasonProblem } from '../lib/stop-reason';
import { StopReasonField } from './stop-reason-field';
import { stopBlockedReason, useStopEntry, useStopTracker } from '../lib/stop-tracker';
import { isFullSyncUnfinished } from '../lib/sync-state';
import { migrationMethodLabel, needsTypedConfirmation, taskDisplayName, taskEndpoints, type TaskLike } from '../lib/task-display';
import { StatusBadge } from '../../../components/status-badge';
import { StopFailure } from './stop-dialog-alerts';
import { StopDialogProgress, useStopDialogStats } from './stop-dialog-progress';
import { notifyStopRequested } from './stop-notifications';
import { useStopDialogT } from '../lib/english-stop-dialog';

interface StopTaskDialogProps {
  task: TaskLike;
  opened: boolean;
  onClose: () => void;
  /** Once the dialog has gone (after its closing transition). */
  onClosed?: () => void;
}

/**
 * What stopping means for this task, in plain words. `fullSyncUnfinished`: the latest progress (or,
 * without it, the status) says the full sync is still copying keys.
 */
function Consequences({ task, fullSyncUnfinished }: { task: TaskLike; fullSyncUnfinished: boolean }) {
  const t = useStopDialogT();
  const { source, target } = taskEndpoints(task);
  const importing = task.migration_type === 'backupfile_import';
  const incremental = task.migration_method === 'incremental_migration';
  return (
    <Alert color="orange" variant="light" title={t('consequencesTitle')} role="note" data-testid="stop-consequences">
      <List size="sm" spacing={4}>
        <List.Item>
          {importing
            ? t('consequenceImport')
            : incremental
              ? t('consequenceIncremental', { source, target })
              : t('consequenceFull', { source, target })}
        </List.Item>
        {incremental && !importing && fullSyncUnfinished && <List.Item>{t('consequenceFullSyncUnfinished', { target })}</List.Item>}
        <List.Item>{t('consequenceDataKept', { target })}</List.Item>
        <List.Item>{t('consequenceNoResume')}</List.Item>
      </List>
    </Alert>
  );
}

/** For incremental migrations: the operator types the task's name before Stop is offered. */
function TypedConfirmation({
  expected,
  value,
  onChange,
  disabled,
}: {
  expected: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}) {
  const t = useStopDialogT();
  const typed = value.length > 0;
  const matches = value === expected;
  return (
    <TextInput
      label={t('typeToConfirmLabel', { name: expected })}
      description={t('typeToConfirmHint')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={typed && !matches ? t('typeToConfirmMismatch') : undefined}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      data-testid="stop-type-to-confirm"
    />
  );
}

export function StopTaskDialog({ task, opened, onClose, onClosed }: StopTaskDialogProps) {
  const t = useStopDialogT();
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
  const stats = useStopDialogStats(task, opened);
  const { reread, start: startReread, reset: resetReread } = useRereadAfterFailedStop({ targetId, taskId: task.task_id });
  // `sending`: the stop is in flight; `rereading`: it failed and the task is being read again.
  // Set at once, before any re-render, so a second click can never send a second stop.
  const phase = useRef<'idle' | 'sending' | 'rereading'>('idle');
  const [reason, setReason] = useState('');
  const [typedName, setTypedName] = useState('');
  const problem = reasonProblem(reason);
  const pending = mutation.isPending;
  const rereading = reread.state === 'reading';
  // What the re-read after a failed stop found is newer than what opened the dialog.
  const current = reread.state === 'read' ? reread.task : task;
  const { source, target } = taskEndpoints(task);
  const method = migrationMethodLabel(task.migration_method);
  const stoppable = canStop(current.status) && blocked === null;
  const typeToConfirm = needsTypedConfirmation(task);
  const confirmed = !typeToConfirm || typedName === name;
  const fullSyncUnfinished = stats.data ? isFullSyncUnfinished(stats.data) : current.status === 'FULLMIGRATING';

  const close = () => {
    if (phase.current === 'sending') return;
    phase.current = 'idle';
    mutation.reset();
    resetReread();
    setReason('');
    setTypedName('');
    onClose();
  };

  const confirm = () => {
    // One request per confirmation, whatever the clicks.
    if (phase.current !== 'idle' || !stoppable || problem || !confirmed) return;
    phase.current = 'sending';
    resetReread();
    mutation.mutate(
      { targetId, taskId: task.task_id, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          phase.current = 'idle';
          mutation.reset();
          setReason('');
          setTypedName('');
          onClose();
        },
        onError: (error) => {
          // An unknown outcome holds Stop back through the tracker, which follows the task itself;
          // a stop the console throttled never left it, and another click is throttled too.
          if (isStopOutcomeUnknown(error) || (isApiError(error) && error.code === 'RATE_LIMITED')) {
            phase.current = 'idle';
            return;
          }
          phase.current = 'rereading';
          void startReread().finally(() => {
            if (phase.current === 'rereading') phase.current = 'idle';
          });
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      // Loaded on demand, the Modal mounts already open and cannot know what had focus: the
      // button that opened it takes focus back itself once the dialog has gone.
      returnFocus={false}
      onExitTransitionEnd={onClosed}
      onClose={close}
      title={t('dialogTitle')}
      closeOnClickOutside={!pending}
      closeOnEscape={!pending}
      closeButtonProps={{ disabled: pending, 'aria-label': t('close') }}
      size="lg"
    >
      <Stack gap="md">
        <Text>
          {t('aboutToStop')} <strong data-testid="stop-dialog-task-name">{name}</strong>
        </Text>
        <FieldList
          fields={[
            { label: t('fieldTask'), value: task.task_name },
            { label: t('fieldTaskId'), value: <Code>{task.task_id}</Code> },
            { label: t('fieldSourceTarget'), value: `${source} → ${target}` },
            { label: t('fieldMethod'), value: method },
            { label: t('fieldStatus'), value: <StatusBadge status={current.status} /> },
          ]}
        />
        <StopDialogProgress task={task} stats={stats} />
        <Consequences task={task} fullSyncUnfinished={fullSyncUnfinished} />
        {!stoppable && !pending && (
          <Text size="sm" c="dimmed">
            {blocked ?? stopUnavailableText(current.status)}
          </Text>
        )}
        <Stack gap={4}>
          <StopReasonField
            label={t('reasonLabel')}
            description={t('reasonDescription')}
            placeholder={t('reasonPlaceholder')}
            minRows={2}
            maxRows={6}
            value={reason}
            onChange={setReason}
            error={problem}
            disabled={pending}
          />
          <Text
            size="xs"
            c={reason.trim().length > STOP_REASON_MAX ? 'var(--mantine-color-error)' : 'dimmed'}
            ta="right"
            data-testid="stop-reason-count"
          >
            {reason.length} / {STOP_REASON_MAX}
          </Text>
        </Stack>
        {typeToConfirm && (
          <TypedConfirmation expected={name} value={typedName} onChange={setTypedName} disabled={pending || !stoppable} />
        )}
        {mutation.isError && <StopFailure error={mutation.error} entry={entry} reread={reread} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={pending} data-autofocus>
            {t('cancel')}
          </Button>
          <Button
            color="red"
            onClick={confirm}
            loading={pending || rereading}
            disabled={pending || rereading || !stoppable || problem !== null || !confirmed}
          >
            {t('confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export default StopTaskDialog;
