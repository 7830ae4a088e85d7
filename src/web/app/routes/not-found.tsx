import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../components/states';
import { useShownTarget } from '../../lib/current-target';
import { listPath } from '../../lib/paths';
import { rich, slot, useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundRoute() {
  const t = useT('shell');
  useDocumentTitle(t('notFoundTitle'));
  const { pathname } = useLocation();
  // The target's tasks the URL names, else those of the target last used (or the first).
  const target = useShownTarget();
  return (
    <EmptyState title={t('notFoundTitle')}>
      <Text c="dimmed">{rich(t('notFoundText', { path: slot('path') }), { path: <code>{pathname}</code> })}</Text>
      <Anchor component={Link} to={target ? listPath(target.id) : '/'}>
        {t('goToTasks')}
      </Anchor>
    </EmptyState>
  );
}
