import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useSession } from '../api/get-session';

/** Who is signed in. (Where the console points is the target switcher's job.) */
export function SessionSummary() {
  const { data, isPending, isError } = useSession();
  if (isPending) return <Text size="sm" c="dimmed">Loading session…</Text>;
  if (isError) return <Text size="sm" c="red.8">Session unavailable</Text>;
  const { user, auth_mode } = data;
  return (
    <Group gap="md" wrap="wrap" data-testid="session-summary">
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
