import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Target } from '../../../../api';
import { ErrorAlert } from '../../../components/error-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useTargets } from '../api/get-targets';

/** Renders `children` with the configured targets once loaded; loading, error and "none" otherwise. */
export function TargetsGate({ children }: { children: (targets: Target[]) => ReactNode }) {
  const query = useTargets();
  if (query.data) {
    if (query.data.targets.length === 0) {
      return (
        <EmptyState title="No targets configured">
          <Text c="dimmed">The console serves no DCS region or project yet. Ask its administrators.</Text>
        </EmptyState>
      );
    }
    return children(query.data.targets);
  }
  if (query.isError) {
    return (
      <ErrorAlert
        title="Could not load the console’s targets"
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  return <LoadingState label="Loading targets…" />;
}
