import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { canStop } from '../../../../api/rules';
import { CopyId } from '../../../components/copy-id';
import { ErrorAlert, ErrorDetails } from '../../../components/error-alert';
import { useT } from '../../../i18n';
import { isApiError, type ApiError } from '../../../lib/api-client';
import type { Reread } from '../hooks/use-reread-after-failed-stop';
import { isStopOutcomeUnknown, stopCloudErrorNote, stopOutcomeUnknownText } from '../lib/stop-outcome';
import type { StopEntry } from '../lib/stop-tracker';
import { StatusBadge } from '../../../components/status-badge';
import { learnedOutcomeText } from './stop-notifications';
import { useStopDialogT } from '../lib/english-stop-dialog';

function RateLimitedAlert({ error }: { error: ApiError }) {
  const t = useStopDialogT();
  const wait = error.retryAfterSeconds;
  return (
    <Alert color="orange" variant="light" title={t('rateLimitedTitle')} role="alert" data-testid="stop-rate-limited">
      <Stack gap={6}>
        <Text size="sm">{wait !== null ? t('rateLimitedWait', { seconds: wait }) : t('rateLimitedMinute')}</Text>
        <Text size="sm" c="dimmed">
          {t('rateLimitedExplain')}
        </Text>
        {error.request_id && (
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {t('requestId')}
            </Text>
            <CopyId value={error.request_id} label={t('requestIdLabel')} />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** Checking, while the outcome is not known yet. */
function CheckingStatus() {
  const t = useStopDialogT();
  return (
    <Group gap={6} wrap="nowrap">
      <Loader size={12} aria-hidden />
      <Text size="sm" fw={600}>
        {t('checkingStatus')}
      </Text>
    </Group>
  );
}

type OutcomeState = 'unknown' | 'applied' | 'not-applied' | 'settled' | 'lost';

function outcomeState(entry: StopEntry | undefined): OutcomeState {
  if (entry?.lost) return 'lost';
  if (!entry || entry.outcome === 'unknown' || entry.learnedAt === undefined) return 'unknown';
  if (entry.outcome === 'applied') return 'applied';
  return canStop(entry.learnedStatus ?? null) ? 'not-applied' : 'settled';
}

const OUTCOME_TITLES = {
  unknown: 'outcomeUnknownTitle',
  applied: 'outcomeAppliedTitle',
  'not-applied': 'outcomeNotAppliedTitle',
  settled: 'outcomeSettledTitle',
  lost: 'outcomeLostTitle',
} as const;

/**
 * A stop whose answer was lost, one message per state: unknown (do not stop again yet; checking),
 * then what the console learned (took effect, not applied: Stop is available again, settled, gone).
 */
function OutcomeUnknownAlert({ error, entry }: { error: unknown; entry: StopEntry | undefined }) {
  const t = useStopDialogT();
  const ts = useT('stop');
  const state = outcomeState(entry);
  const color = state === 'unknown' || state === 'not-applied' ? 'orange' : state === 'applied' ? 'green' : 'gray';
  return (
    <Alert color={color} variant="light" title={t(OUTCOME_TITLES[state])} role="alert" data-testid="stop-outcome-unknown" data-state={state}>
      <Stack gap={6}>
        {state === 'unknown' ? (
          <>
            <Text size="sm">{stopOutcomeUnknownText()}</Text>
            <CheckingStatus />
          </>
        ) : state === 'lost' ? (
          <Text size="sm">{ts('taskLost')}</Text>
        ) : (
          <Text size="sm" fw={600} data-testid="stop-outcome-learned" data-outcome={entry!.outcome}>
            {learnedOutcomeText(entry!)}
          </Text>
        )}
        <ErrorDetails error={error} request="write" />
      </Stack>
    </Alert>
  );
}

/** The task read again after a refused stop: reading, its status (the stop may have happened after all), or not readable. */
function RereadStatus({ reread }: { reread: Reread }) {
  const t = useStopDialogT();
  if (reread.state === 'idle') return null;
  return (
    <div data-testid="stop-reread" data-state={reread.state}>
      {reread.state === 'reading' ? (
        <Group gap={6} wrap="nowrap">
          <Loader size={12} aria-hidden />
          <Text size="sm">{t('rereading')}</Text>
        </Group>
      ) : reread.state === 'read' ? (
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {t('rereadStatus')}
          </Text>
          <StatusBadge status={reread.task.status} />
        </Group>
      ) : (
        <Text size="sm" fw={600}>
          {t('rereadFailed')}
        </Text>
      )}
    </div>
  );
}

/** Why a stop failed, in the dialog: throttled by the console, outcome unknown, or refused. */
export function StopFailure({ error, entry, reread }: { error: unknown; entry: StopEntry | undefined; reread: Reread }) {
  const t = useStopDialogT();
  if (isApiError(error) && error.code === 'RATE_LIMITED') return <RateLimitedAlert error={error} />;
  if (isStopOutcomeUnknown(error)) return <OutcomeUnknownAlert error={error} entry={entry} />;
  const note = stopCloudErrorNote(error);
  return (
    <ErrorAlert
      error={error}
      request="write"
      title={t('notAcceptedTitle')}
      plan={
        <>
          <Text size="sm">{t('neverRetried')}</Text>
          <RereadStatus reread={reread} />
        </>
      }
    >
      {note && (
        <Text size="sm" fw={600} data-testid="stop-cloud-error-note">
          {note}
        </Text>
      )}
    </ErrorAlert>
  );
}
