import { Anchor, Code, List, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Target } from '../../../../api';
import { EmptyState } from '../../../components/states';
import { rich, slot, useT } from '../../../i18n';
import { listPath } from '../../../lib/paths';

/** The URL names a target the console does not serve: say so and offer the ones it does. */
export function UnknownTarget({ targetId, targets }: { targetId: string; targets: Target[] }) {
  const t = useT('targets');
  return (
    <EmptyState title={t('unknownTitle', { id: targetId })}>
      <Text data-testid="unknown-target">
        {rich(t('unknownText', { id: slot('id') }), { id: <Code>{targetId || t('emptyId')}</Code> })}
      </Text>
      {targets.length > 0 ? (
        <>
          <Text c="dimmed">{t('configuredTargets')}</Text>
          <List listStyleType="none" spacing={4} aria-label={t('configuredTargetsList')}>
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
        <Text c="dimmed">{t('noneConfigured')}</Text>
      )}
    </EmptyState>
  );
}
