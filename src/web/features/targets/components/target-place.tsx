import { Text, Tooltip } from '@mantine/core';
import type { Target } from '../../../../api';

/** Region and project of a target, the endpoint in a tooltip. */
export function TargetPlace({ target }: { target: Target }) {
  return (
    <>
      <Text size="sm">
        <Text span c="dimmed" size="sm">
          Region{' '}
        </Text>
        <Text span fw={600} size="sm">
          {target.region}
        </Text>
      </Text>
      <Tooltip label={`Endpoint ${target.endpoint_host}`} withArrow>
        <Text size="sm" tabIndex={0}>
          <Text span c="dimmed" size="sm">
            Project{' '}
          </Text>
          <Text span ff="monospace" size="sm">
            {target.project_id}
          </Text>
        </Text>
      </Tooltip>
    </>
  );
}
