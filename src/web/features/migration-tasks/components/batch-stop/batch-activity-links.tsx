import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useT } from '../../../../i18n';
import { activityPath } from '../../../../lib/paths';
import { useCan } from '../../../session/hooks/use-can';
import './english';

/**
 * "See these stops in Activity": the audit records of the run, one link per batch the console
 * answered. Only for those who may read the activity (hidden for the others, as in the header).
 */
export function BatchActivityLinks({ batchIds }: { batchIds: readonly string[] }) {
  const t = useT('batchDialog');
  const allowed = useCan('audit:read');
  if (!allowed || batchIds.length === 0) return null;
  return (
    <Group gap="md" wrap="wrap" data-testid="batch-activity-links">
      {batchIds.map((id, index) => (
        <Anchor key={id} component={Link} to={activityPath(new URLSearchParams({ batch: id }))} size="sm">
          {batchIds.length === 1 ? t('seeInActivity') : t('seeBatchInActivity', { batch: index + 1, batches: batchIds.length })}
        </Anchor>
      ))}
    </Group>
  );
}
