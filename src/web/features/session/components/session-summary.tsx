import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useSession } from '../api/get-session';

/** Where this console points (region, project) and who is signed in. */
export function SessionSummary() {
  const { data, isPending, isError } = useSession();
  if (isPending) return <Text size="sm" c="dimmed">Loading session…</Text>;
  if (isError) return <Text size="sm" c="red.8">Session unavailable</Text>;
  const { target, user, auth_mode } = data;
  return (
    <Group gap="md" wrap="wrap" data-testid="session-summary">
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
      <Text size="sm" c="dimmed">
        {user.name}
      </Text>
      {auth_mode === 'none' && (
        <Tooltip label="Development mode: the console does not authenticate users." withArrow>
          <Badge variant="outline" color="gray" size="sm" tabIndex={0}>
            dev auth
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
