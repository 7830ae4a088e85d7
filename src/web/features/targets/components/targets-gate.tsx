import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Target } from '../../../../api';
import { QueryFailure } from '../../../components/query-failure';
import { EmptyState, LoadingState } from '../../../components/states';
import { useT } from '../../../i18n';
import { useTargets } from '../../../lib/targets';

/** Renders `children` with the configured targets once loaded; loading, error and "none" otherwise. */
export function TargetsGate({ children }: { children: (targets: Target[]) => ReactNode }) {
  const t = useT('targets');
  const query = useTargets();
  if (query.data) {
    if (query.data.targets.length === 0) {
      return (
        <EmptyState title={t('noTargetsTitle')}>
          <Text c="dimmed">{t('noTargetsText')}</Text>
        </EmptyState>
      );
    }
    return children(query.data.targets);
  }
  if (query.isError || query.failureReason) {
    return (
      <QueryFailure query={query} title={t('loadFailed')} staleTitle={t('refreshFailed')} />
    );
  }
  return <LoadingState label={t('loadingTargets')} />;
}
