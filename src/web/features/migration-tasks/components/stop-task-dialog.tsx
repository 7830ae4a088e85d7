import { Alert, Button, Code, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { canStop, STOP_REASON_MAX } from '../../../../api/rules';
import { FieldList } from '../../../components/field-list';
import { useT } from '../../../i18n';
import { useCurrentTarget } from '../../targets/lib/current-target';
import { useStopMigrationTask } from '../api/stop-migration-task';
import { stopUnavailableText } from '../lib/status-display';
import { reasonProblem } from '../lib/stop-reason';
import { StopReasonField } from './stop-reason-field';
import { stopBlockedReason, useStopEntry, useStopTracker } from '../lib/stop-tracker';
import { migrationMethodLabel, needsTypedConfirmation, taskDisplayName, taskEndpoints, type TaskLike } from '../lib/task-display';
import { StatusBadge } from './status-badge';
import { StopFailure } from './stop-dialog-alerts';
import { StopDialogProgress } from './stop-dialog-progress';
import { notifyStopRequested } from './stop-notifications';
import '../lib/english-stop-dialog';

interface StopTaskDialogProps {
  task: TaskLike;
  opened: boolean;
  onClose: () => void;
  /** Once the dialog has gone (after its closing transition). */
  onClosed?: () => void;
}

/** What stopping means for this task, in plain words. */
function Consequences({ task }: { task: TaskLike }) {
  const t = useT('stopDialog');
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
  const t = useT('stopDialog');
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
  const t = useT('stopDialog');
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
  const [typedName, setTypedName] = useState('');
  const problem = reasonProblem(reason);
  const pending = mutation.isPending;
  const { source, target } = taskEndpoints(task);
  const method = migrationMethodLabel(task.migration_method);
  const stoppable = canStop(task.status) && blocked === null;
  const typeToConfirm = needsTypedConfirmation(task);
  const confirmed = !typeToConfirm || typedName === name;

  const close = () => {
    if (submitting.current) return;
    mutation.reset();
    setReason('');
    setTypedName('');
    onClose();
  };

  const confirm = () => {
    // One request per confirmation, whatever the clicks.
    if (submitting.current || !stoppable || problem || !confirmed) return;
    submitting.current = true;
    mutation.mutate(
      { targetId, taskId: task.task_id, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          mutation.reset();
          setReason('');
          setTypedName('');
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
            { label: t('fieldStatus'), value: <StatusBadge status={task.status} /> },
          ]}
        />
        <StopDialogProgress task={task} opened={opened} />
        <Consequences task={task} />
        {!stoppable && !pending && (
          <Text size="sm" c="dimmed">
            {blocked ?? stopUnavailableText(task.status)}
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
        {mutation.isError && <StopFailure error={mutation.error} entry={entry} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={pending} data-autofocus>
            {t('cancel')}
          </Button>
          <Button
            color="red"
            onClick={confirm}
            loading={pending}
            disabled={pending || !stoppable || problem !== null || !confirmed}
          >
            {t('confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export default StopTaskDialog;
