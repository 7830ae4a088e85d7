import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import type { CaughtUpRequest, MigrationTask, MigrationTaskStats } from '../../../../../api';
import { isIncrementalSync } from '../../../../../api/rules';
import { formatNumber, toNumber } from '../../../../lib/format';
import { needsTypedConfirmation, taskDisplayName } from '../../lib/task-display';
import { fullSyncProgressText } from './caught-up-text';
import { useTaskPageT } from '../../lib/english-task-page';

type Rule = Required<Omit<CaughtUpRequest, 'reason'>>;

/** What the operator must know before scheduling: it may stop almost at once, or wait for the full sync. */
function WhenItStops({ task, stats, rule }: { task: MigrationTask; stats: MigrationTaskStats | undefined; rule: Rule }) {
  const t = useTaskPageT();
  if (!isIncrementalSync(task.status)) {
    return (
      <Text size="sm" data-testid="caught-up-full-sync-note">
        {t('caughtUpFullSyncNote', { progress: fullSyncProgressText(stats), threshold: formatNumber(rule.threshold) ?? rule.threshold })}
      </Text>
    );
  }
  const offset = toNumber(stats?.offset);
  if (offset === null) {
    return (
      <Text size="sm" fw={600} data-testid="caught-up-offset-unknown">
        {t('caughtUpOffsetUnknown')}
      </Text>
    );
  }
  if (offset > rule.threshold) return null;
  return (
    <Alert color="orange" variant="light" title={t('caughtUpSoonTitle')} data-testid="caught-up-soon-warning">
      {t(rule.consecutive_polls === 1 ? 'caughtUpSoonTextFirstPoll' : 'caughtUpSoonText', {
        offset: formatNumber(offset) ?? offset,
        threshold: formatNumber(rule.threshold) ?? rule.threshold,
        // The first poll is due at once, the next ones one interval apart.
        seconds: (rule.consecutive_polls - 1) * rule.poll_interval_s,
      })}
    </Alert>
  );
}

interface CaughtUpConfirmProps {
  task: MigrationTask;
  stats: MigrationTaskStats | undefined;
  rule: Rule;
  typedName: string;
  onTypedNameChange: (value: string) => void;
  pending: boolean;
  onBack: () => void;
}

/** Whether the confirm step lets the stop be scheduled: incremental tasks want their name typed, as a manual stop does. */
export function caughtUpConfirmed(task: MigrationTask, typedName: string): boolean {
  return !needsTypedConfirmation(task) || typedName === taskDisplayName(task);
}

/**
 * The same guard as a manual stop, inside the form: what will happen and when, the task's name
 * typed for an incremental migration, then "Schedule the stop" (a submit of the form).
 */
export function CaughtUpConfirm({ task, stats, rule, typedName, onTypedNameChange, pending, onBack }: CaughtUpConfirmProps) {
  const t = useTaskPageT();
  const titleId = useId();
  const name = taskDisplayName(task);
  const typeName = needsTypedConfirmation(task);
  const focusFirst = useRef<HTMLInputElement & HTMLButtonElement>(null);
  // The step replaces the button just pressed: the keyboard goes on from here.
  useEffect(() => focusFirst.current?.focus(), []);
  return (
    <Stack gap="sm" role="group" aria-labelledby={titleId} data-testid="caught-up-confirm">
      <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
        {t('caughtUpConfirmTitle', { name })}
      </Text>
      <Text size="sm">
        {t('caughtUpConfirmText', {
          count: rule.consecutive_polls,
          threshold: formatNumber(rule.threshold) ?? rule.threshold,
          interval: rule.poll_interval_s,
        })}
      </Text>
      <WhenItStops task={task} stats={stats} rule={rule} />
      {typeName && (
        <TextInput
          ref={focusFirst}
          label={t('caughtUpTypeName', { name })}
          description={t('caughtUpTypeNameHint')}
          value={typedName}
          onChange={(event) => onTypedNameChange(event.currentTarget.value)}
          error={typedName !== '' && typedName !== name ? t('caughtUpTypeNameMismatch') : undefined}
          disabled={pending}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack} disabled={pending} ref={typeName ? undefined : focusFirst}>
          {t('caughtUpConfirmBack')}
        </Button>
        <Button type="submit" color="red" loading={pending} disabled={!caughtUpConfirmed(task, typedName)}>
          {t('caughtUpConfirmYes')}
        </Button>
      </Group>
    </Stack>
  );
}
