import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { CopyId } from '../../../components/copy-id';
import { ErrorAlert, ErrorDetails } from '../../../components/error-alert';
import { isApiError, type ApiError } from '../../../lib/api-client';
import { isStopOutcomeUnknown, STOP_OUTCOME_UNKNOWN_TEXT, stopCloudErrorNote } from '../lib/stop-outcome';
import type { StopEntry } from '../lib/stop-tracker';
import { learnedOutcomeText } from './stop-notifications';

function RateLimitedAlert({ error }: { error: ApiError }) {
  const wait = error.retryAfterSeconds;
  return (
    <Alert color="orange" variant="light" title="Too many stop requests" role="alert" data-testid="stop-rate-limited">
      <Stack gap={6}>
        <Text size="sm">
          {wait !== null
            ? `Too many stop requests; try again in ${wait} s.`
            : 'Too many stop requests; try again in a minute.'}
        </Text>
        <Text size="sm" c="dimmed">
          The console limits how many stops one person can send per minute. This task was not stopped.
        </Text>
        {error.request_id && (
          <Group gap={6}>
            <Text size="sm" fw={600}>
              Request id:
            </Text>
            <CopyId value={error.request_id} label="Request id" />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** Where the console is in learning the outcome of the stop: checking, or what it found. */
function OutcomeProgress({ entry }: { entry: StopEntry | undefined }) {
  if (entry?.lost) return <Text size="sm">The cloud no longer knows this task.</Text>;
  if (entry && entry.outcome !== 'unknown' && entry.learnedAt !== undefined) {
    return (
      <Text size="sm" fw={600} data-testid="stop-outcome-learned" data-outcome={entry.outcome}>
        {learnedOutcomeText(entry)}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Loader size={12} aria-hidden />
      <Text size="sm" fw={600}>
        Checking the task&apos;s status every 2 s…
      </Text>
    </Group>
  );
}

function OutcomeUnknownAlert({ error, entry }: { error: unknown; entry: StopEntry | undefined }) {
  return (
    <Alert color="orange" variant="light" title="Outcome of the stop unknown" role="alert" data-testid="stop-outcome-unknown">
      <Stack gap={6}>
        <Text size="sm">{STOP_OUTCOME_UNKNOWN_TEXT}</Text>
        <OutcomeProgress entry={entry} />
        <ErrorDetails error={error} />
      </Stack>
    </Alert>
  );
}

/** Why a stop failed, in the dialog: throttled by the console, outcome unknown, or refused. */
export function StopFailure({ error, entry }: { error: unknown; entry: StopEntry | undefined }) {
  if (isApiError(error) && error.code === 'RATE_LIMITED') return <RateLimitedAlert error={error} />;
  if (isStopOutcomeUnknown(error)) return <OutcomeUnknownAlert error={error} entry={entry} />;
  const note = stopCloudErrorNote(error);
  return (
    <ErrorAlert error={error} title="The stop was not accepted" plan={<Text size="sm">Stops are never retried automatically.</Text>}>
      {note && (
        <Text size="sm" fw={600} data-testid="stop-cloud-error-note">
          {note}
        </Text>
      )}
    </ErrorAlert>
  );
}
