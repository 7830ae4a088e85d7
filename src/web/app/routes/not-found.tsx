import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../components/states';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <EmptyState title="Page not found">
      <Text c="dimmed">
        There is no page at <code>{pathname}</code>.
      </Text>
      <Anchor component={Link} to="/">
        Go to migration tasks
      </Anchor>
    </EmptyState>
  );
}
