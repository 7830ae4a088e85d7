import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { rich, slot, useT } from '../i18n';
import { formatAge } from '../lib/format';
import { retryPlan, retryPlanText, type RetryPlan } from '../lib/retry-policy';
import { useNow } from '../lib/use-now';
import { ErrorAlert, ErrorDetails, errorCodes } from './error-alert';

/** The parts of a TanStack query result a failure notice needs. */
export interface QueryView {
  data: unknown;
  error: Error | null;
  failureReason: Error | null;
  failureCount: number;
  isFetching: boolean;
  isPlaceholderData: boolean;
  dataUpdatedAt: number;
  refetch: () => Promise<unknown>;
}

interface QueryFailureProps {
  query: QueryView;
  /** Title of the red alert when there is nothing to show yet ("Could not load migration tasks"). */
  title: string;
  /** Title of the yellow banner over data already shown ("Could not refresh the list"). */
  staleTitle: string;
  /** The view's polling interval (ms), or false: polling goes on after errors, so say so. */
  interval?: number | false;
  /** What the stale data is, translated, for "Showing the tasks from 42 s ago" (default "data"). */
  what?: string;
}

function usePlan(query: QueryView, interval: number | false): RetryPlan {
  const now = useNow(1000);
  return retryPlan(query, interval, now);
}

function PlanLine({ plan }: { plan: RetryPlan }) {
  return (
    <Text size="sm" fw={500} data-testid="retry-plan" aria-live="off">
      {retryPlanText(plan)}
    </Text>
  );
}

function FailedLoad({ query, title, interval }: { query: QueryView; title: string; interval: number | false }) {
  const plan = usePlan(query, interval);
  return (
    <ErrorAlert
      title={title}
      error={query.failureReason ?? query.error}
      plan={<PlanLine plan={plan} />}
      onRetry={() => void query.refetch()}
    />
  );
}

function StaleData({ query, title, interval, what }: { query: QueryView; title: string; interval: number | false; what?: string }) {
  const t = useT('errors');
  const tc = useT('common');
  const plan = usePlan(query, interval);
  const now = useNow(1000);
  const failure = query.failureReason ?? query.error;
  const codes = errorCodes(failure);
  const message = failure?.message ?? t('unknownError');
  const problem = `${codes ? `${codes}: ` : ''}${message}`;
  const age = (
    <span data-testid="stale-age" aria-live="off">
      {formatAge(now - query.dataUpdatedAt)}
    </span>
  );
  return (
    <Alert color="yellow" variant="light" title={title} role="status" data-testid="stale-data">
      <Stack gap={6}>
        <Text size="sm">
          {rich(t('staleShowing', { what: what ?? t('staleWhat'), age: slot('age'), problem }), { age })}{' '}
          <span aria-live="off">{retryPlanText(plan)}</span>
        </Text>
        <ErrorDetails error={failure} showMessage={false} />
        <Group>
          <Button size="xs" variant="default" onClick={() => void query.refetch()}>
            {tc('retry')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * A query's failure, if it has one, with what the console does next and Retry: over data already
 * on screen, a yellow "stale" banner (the data stays); with nothing to show, a red error alert.
 * Shown from the first failed attempt on, while TanStack Query is still retrying. Retry is never
 * disabled: pressing it during automatic retries simply starts a fresh attempt at once.
 */
export function QueryFailure({ query, title, staleTitle, interval = false, what }: QueryFailureProps) {
  if (!query.failureReason && !query.error) return null;
  if (query.data !== undefined && !query.isPlaceholderData) {
    return <StaleData query={query} title={staleTitle} interval={interval} what={what} />;
  }
  return <FailedLoad query={query} title={title} interval={interval} />;
}
