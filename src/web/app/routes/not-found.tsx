import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../components/states';
import { useRouteTarget } from '../../features/targets/lib/current-target';
import { listPath } from '../../lib/paths';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  const { pathname } = useLocation();
  const target = useRouteTarget();
  return (
    <EmptyState title="Page not found">
      <Text c="dimmed">
        There is no page at <code>{pathname}</code>.
      </Text>
      <Anchor component={Link} to={target ? listPath(target.id) : '/'}>
        Go to migration tasks
      </Anchor>
    </EmptyState>
  );
}
