import { Text, VisuallyHidden } from '@mantine/core';
import type { Target } from '../../../../api';
import { useT } from '../../../i18n';

/**
 * Region and project of a target; the endpoint as the project's hover title and, for screen
 * readers, as text (no tooltip: it would bring floating code into the first download).
 */
export function TargetPlace({ target }: { target: Target }) {
  const t = useT('targets');
  const endpoint = t('endpoint', { host: target.endpoint_host });
  return (
    <>
      <Text size="sm" className="dcs-target-region">
        <Text span c="dimmed" size="sm">
          {t('region')}{' '}
        </Text>
        <Text span fw={600} size="sm">
          {target.region}
        </Text>
      </Text>
      <Text size="sm" title={endpoint} className="dcs-target-project" data-testid="target-project">
        <Text span c="dimmed" size="sm">
          {t('project')}{' '}
        </Text>
        <Text span ff="monospace" size="sm">
          {target.project_id}
        </Text>
        <VisuallyHidden component="span">, {endpoint}</VisuallyHidden>
      </Text>
    </>
  );
}
