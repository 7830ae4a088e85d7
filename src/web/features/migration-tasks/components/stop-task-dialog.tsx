import { Alert, Box, Button, Code, getDefaultZIndex, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { canStop, STOP_REASON_MAX } from '../../../../api/rules';
import { FieldList } from '../../../components/field-list';
import { isApiError } from '../../../lib/api-client';
import { useCurrentTarget } from '../../../lib/current-target';
import { useStopMigrationTask } from '../api/stop-migration-task';
import { useRereadAfterFailedStop } from '../hooks/use-reread-after-failed-stop';
import { stopUnavailableText } from '../lib/status-display';
import { isStopOutcomeUnknown } from '../lib/stop-outcome';
import { reasonProblem } from '../lib/stop-reason';
import { StopReasonWithCount } from './stop-reason-field';
import { stopBlockedReason, useStopEntry, useStopTracker } from '../lib/stop-tracker';
import { isFullSyncUnfinished } from '../lib/sync-state';
import { migrationMethodLabel, needsTypedConfirmation, taskDisplayName, taskEndpoints, type TaskLike } from '../lib/task-display';
import { StatusBadge } from '../../../components/status-badge';
import { StopFailure } from './stop-dialog-alerts';
import { CloudNotAnswering, StopDialogAge, useStopDialogFreshness } from './stop-dialog-freshness';
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
  onSubmit,
  disabled,
}: {
  expected: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter in the field: the dialog's confirm (which sends only when the confirmation is valid). */
  onSubmit: () => void;
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
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onSubmit();
      }}
      error={typed && !matches ? t('typeToConfirmMismatch') : undefined}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      data-testid="stop-type-to-confirm"
      // The first focus when it can be typed in: in the footer, always on screen.
      data-autofocus={disabled ? undefined : true}
    />
  );
}

/**
 * Above Mantine's notifications (getDefaultZIndex('overlay'), bottom-right), so a notification never
 * covers the dialog's actions. Nothing in the dialog opens a popover or tooltip of its own (they
 * would sit at 'popover', below it).
 */
export const STOP_DIALOG_Z_INDEX = getDefaultZIndex('overlay') + 1;

/**
 * The dialog fits the viewport: a scrolling body between the header and a footer that holds the
 * confirmation and the actions, always visible (1366×768 as at 375 px).
 */
const LAYOUT: Record<'content' | 'body' | 'scroll' | 'footer', CSSProperties> = {
  content: { display: 'flex', flexDirection: 'column', overflow: 'hidden' },
  body: { display: 'flex', flexDirection: 'column', flex: '1 1 auto', minHeight: 0, padding: 0 },
  scroll: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto', padding: '0 var(--mantine-spacing-md) var(--mantine-spacing-md)' },
  footer: {
    flex: 'none',
    padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
    borderTop: '1px solid var(--mantine-color-default-border)',
    background: 'var(--mantine-color-body)',
  },
};

export function StopTaskDialog({ task, opened, onClose, onClosed }: StopTaskDialogProps) {
  const t = useStopDialogT();
  const tracker = useStopTracker();
  const shownTarget = useCurrentTarget();
  const targetId = shownTarget.id;
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
  const freshness = useStopDialogFreshness(task, stats);
  const scrollRef = useRef<HTMLDivElement>(null);
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

  // The outcome of a stop shows at the top of the body: brought into view whenever it changes.
  const failed = mutation.isError;
  useEffect(() => {
    if (failed && scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [failed, mutation.failureReason]);

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
    <Modal.Root
      opened={opened}
      // Loaded on demand, the Modal mounts already open and cannot know what had focus: the
      // button that opened it takes focus back itself once the dialog has gone.
      returnFocus={false}
      onExitTransitionEnd={onClosed}
      onClose={close}
      closeOnClickOutside={!pending}
      closeOnEscape={!pending}
      size="lg"
      zIndex={STOP_DIALOG_Z_INDEX}
    >
      <Modal.Overlay />
      <Modal.Content style={LAYOUT.content} data-testid="stop-dialog-content">
        <Modal.Header>
          <Group gap={8} wrap="wrap" align="baseline">
            <Modal.Title fw={600}>{t('dialogTitle')}</Modal.Title>
            <Text size="sm" c="dimmed" data-testid="stop-dialog-target">
              {t('targetLine', { label: shownTarget.label, region: shownTarget.region })}
            </Text>
          </Group>
          <Modal.CloseButton disabled={pending} aria-label={t('close')} />
        </Modal.Header>
        <Modal.Body style={LAYOUT.body}>
          <Box ref={scrollRef} style={LAYOUT.scroll} data-testid="stop-dialog-scroll">
            <Stack gap="md">
              {/* Where the operator is looking: the outcome of the stop comes first. */}
              {mutation.isError && <StopFailure error={mutation.error} entry={entry} reread={reread} />}
              {!mutation.isError && <CloudNotAnswering freshness={freshness} />}
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
              {freshness.of === 'status' && <StopDialogAge freshness={freshness} />}
              <StopDialogProgress task={task} stats={stats} freshness={freshness} />
              <Consequences task={task} fullSyncUnfinished={fullSyncUnfinished} />
              {!stoppable && !pending && (
                <Text size="sm" c="dimmed">
                  {blocked ?? stopUnavailableText(current.status)}
                </Text>
              )}
              <StopReasonWithCount
                label={t('reasonLabel')}
                description={t('reasonDescription')}
                placeholder={t('reasonPlaceholder')}
                minRows={2}
                maxRows={6}
                value={reason}
                onChange={setReason}
                error={problem}
                disabled={pending}
                max={STOP_REASON_MAX}
              />
            </Stack>
          </Box>
          <Stack gap="sm" style={LAYOUT.footer} data-testid="stop-dialog-footer">
            {typeToConfirm && (
              <TypedConfirmation
                expected={name}
                value={typedName}
                onChange={setTypedName}
                onSubmit={confirm}
                disabled={pending || !stoppable}
              />
            )}
            <Group justify="flex-end">
              {/* The first focus without a name to type: in the footer, always on screen. */}
              <Button variant="default" onClick={close} disabled={pending} data-autofocus={typeToConfirm && !pending && stoppable ? undefined : true}>
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
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

export default StopTaskDialog;
