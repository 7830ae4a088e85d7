import { Button, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import type { MigrationTask, MigrationTaskStats } from '../../../../../api';
import {
  CAUGHT_UP_POLL_INTERVAL_S_DEFAULT,
  CAUGHT_UP_POLL_INTERVAL_S_MAX,
  CAUGHT_UP_POLL_INTERVAL_S_MIN,
  CAUGHT_UP_POLLS_DEFAULT,
  CAUGHT_UP_POLLS_MAX,
  CAUGHT_UP_POLLS_MIN,
  CAUGHT_UP_THRESHOLD_DEFAULT,
  CAUGHT_UP_THRESHOLD_MAX,
} from '../../../../../api/rules';
import { ErrorAlert } from '../../../../components/error-alert';
import type { Translate } from '../../../../i18n';
import { isApiError } from '../../../../lib/api-client';
import type { TaskRef } from '../../api/query-keys';
import { useSetCaughtUpWatch } from '../../api/stop-when-caught-up';
import { reasonProblem } from '../../lib/stop-reason';
import { StopReasonField } from '../stop-reason-field';
import { CaughtUpConfirm, caughtUpConfirmed } from './caught-up-confirm';
import { caughtUpErrorText } from './caught-up-text';
import { useTaskPageT } from '../../lib/english-task-page';

interface Bounds {
  min: number;
  max: number;
}

/** The problem with a whole number typed into a bounded field, or null. */
export function boundsProblem(value: number | string, { min, max }: Bounds, t: Translate<'taskPage'>): string | null {
  if (value === '' || typeof value !== 'number' || !Number.isInteger(value)) return t('caughtUpWholeNumber', { min, max });
  if (value < min || value > max) return t('caughtUpOutOfBounds', { min, max });
  return null;
}

const THRESHOLD: Bounds = { min: 0, max: CAUGHT_UP_THRESHOLD_MAX };
const POLLS: Bounds = { min: CAUGHT_UP_POLLS_MIN, max: CAUGHT_UP_POLLS_MAX };
const INTERVAL: Bounds = { min: CAUGHT_UP_POLL_INTERVAL_S_MIN, max: CAUGHT_UP_POLL_INTERVAL_S_MAX };

interface BoundedInputProps {
  label: string;
  description: string;
  bounds: Bounds;
  value: number | string;
  onChange: (value: number | string) => void;
  error: string | null;
  disabled: boolean;
}

/** A whole number within bounds; out-of-bounds values stay as typed, so the error can say why. */
function BoundedInput({ bounds, ...props }: BoundedInputProps) {
  return <NumberInput {...props} min={bounds.min} max={bounds.max} allowDecimal={false} allowNegative={false} clampBehavior="none" />;
}

interface CaughtUpFormProps {
  taskRef: TaskRef;
  task: MigrationTask;
  stats: MigrationTaskStats | undefined;
}

/**
 * Threshold, polls in a row, poll interval and an optional reason; then a confirm step (the task's
 * name typed, a warning if it would stop almost at once) before the watch is sent to the console.
 */
export function CaughtUpForm({ taskRef, task, stats }: CaughtUpFormProps) {
  const t = useTaskPageT();
  const [threshold, setThreshold] = useState<number | string>(CAUGHT_UP_THRESHOLD_DEFAULT);
  const [polls, setPolls] = useState<number | string>(CAUGHT_UP_POLLS_DEFAULT);
  const [interval, setPollInterval] = useState<number | string>(CAUGHT_UP_POLL_INTERVAL_S_DEFAULT);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typedName, setTypedName] = useState('');
  const submitButton = useRef<HTMLButtonElement>(null);
  const mutation = useSetCaughtUpWatch(taskRef);
  const problems = {
    threshold: boundsProblem(threshold, THRESHOLD, t),
    polls: boundsProblem(polls, POLLS, t),
    interval: boundsProblem(interval, INTERVAL, t),
    reason: reasonProblem(reason),
  };
  const invalid = Object.values(problems).some((p) => p !== null);
  // A problem shows once something was typed, or after a submit (an emptied field too).
  const shown = (problem: string | null, value: number | string) => (touched || value !== '' ? problem : null);

  const rule = { threshold: Number(threshold), consecutive_polls: Number(polls), poll_interval_s: Number(interval) };
  const editable = !mutation.isPending && !confirming;

  // The first submit opens the confirm step; only a submit from there sends the watch.
  const submit = () => {
    setTouched(true);
    if (invalid || mutation.isPending) return;
    if (!confirming) {
      mutation.reset();
      setConfirming(true);
      return;
    }
    if (!caughtUpConfirmed(task, typedName)) return;
    mutation.mutate({ ...rule, reason: reason.trim() || undefined });
  };

  const back = () => {
    setConfirming(false);
    setTypedName('');
    mutation.reset();
    // The step goes away with the focus in it: back to the button that opened it, once it is rendered.
    requestAnimationFrame(() => submitButton.current?.focus());
  };

  const errorText = mutation.isError && isApiError(mutation.error) ? caughtUpErrorText(mutation.error.code) : null;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      aria-label={t('caughtUpFormLabel')}
      noValidate
    >
      <Stack gap="sm">
        <Text size="sm">{t('caughtUpExplain')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <BoundedInput
            label={t('caughtUpThreshold')}
            description={t('caughtUpThresholdHint')}
            bounds={THRESHOLD}
            value={threshold}
            onChange={setThreshold}
            error={shown(problems.threshold, threshold)}
            disabled={!editable}
          />
          <BoundedInput
            label={t('caughtUpPolls')}
            description={t('caughtUpPollsHint', { min: POLLS.min, max: POLLS.max })}
            bounds={POLLS}
            value={polls}
            onChange={setPolls}
            error={shown(problems.polls, polls)}
            disabled={!editable}
          />
          <BoundedInput
            label={t('caughtUpInterval')}
            description={t('caughtUpIntervalHint', { min: INTERVAL.min, max: INTERVAL.max })}
            bounds={INTERVAL}
            value={interval}
            onChange={setPollInterval}
            error={shown(problems.interval, interval)}
            disabled={!editable}
          />
        </SimpleGrid>
        <StopReasonField
          label={t('caughtUpReason')}
          description={t('caughtUpReasonHint')}
          minRows={1}
          maxRows={4}
          value={reason}
          onChange={setReason}
          error={problems.reason}
          disabled={!editable}
        />
        {mutation.isError && (
          <ErrorAlert error={mutation.error} title={t('caughtUpSetFailed')} testId="caught-up-set-error">
            {errorText && <Text size="sm">{errorText}</Text>}
          </ErrorAlert>
        )}
        {confirming ? (
          <CaughtUpConfirm
            task={task}
            stats={stats}
            rule={rule}
            typedName={typedName}
            onTypedNameChange={setTypedName}
            pending={mutation.isPending}
            onBack={back}
          />
        ) : (
          <Group justify="flex-end">
            <Button ref={submitButton} type="submit" color="red" variant="light" disabled={touched && invalid}>
              {t('caughtUpSubmit')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
