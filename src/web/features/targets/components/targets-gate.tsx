import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Target } from '../../../../api';
import { QueryFailure } from '../../../components/query-failure';
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
  if (query.isError || query.failureReason) {
    return (
      <QueryFailure
        query={query}
        title="Could not load the console’s targets"
        staleTitle="Could not refresh the console’s targets"
      />
    );
  }
  return <LoadingState label="Loading targets…" />;
}
