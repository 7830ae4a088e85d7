import { Anchor, Code, List, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Target } from '../../../../api';
import { EmptyState } from '../../../components/states';
import { listPath } from '../../../lib/paths';

/** The URL names a target the console does not serve: say so and offer the ones it does. */
export function UnknownTarget({ targetId, targets }: { targetId: string; targets: Target[] }) {
  return (
    <EmptyState title={`Unknown target ${targetId}`}>
      <Text data-testid="unknown-target">
        This console does not serve a target called <Code>{targetId || '(empty)'}</Code>. The link may be old, or the
        target was removed from the console’s configuration.
      </Text>
      {targets.length > 0 ? (
        <>
          <Text c="dimmed">Configured targets:</Text>
          <List listStyleType="none" spacing={4} aria-label="Configured targets">
            {targets.map((t) => (
              <List.Item key={t.id}>
                <Anchor component={Link} to={listPath(t.id)}>
                  {t.label}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  ({t.region} · {t.project_id})
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text c="dimmed">No targets are configured.</Text>
      )}
    </EmptyState>
  );
}
