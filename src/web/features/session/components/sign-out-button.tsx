import { Button, Popover, Stack, Text } from '@mantine/core';
import { useSignOut } from '../api/sign-out';

/** "Sign out" (only when the console can sign you out); a failure shows next to the button. */
export function SignOutButton() {
  const mutation = useSignOut();
  return (
    <Popover opened={mutation.isError} onChange={(open) => !open && mutation.reset()} withArrow position="bottom-end">
      <Popover.Target>
        <Button
          variant="default"
          size="compact-sm"
          loading={mutation.isPending || mutation.isSuccess}
          onClick={() => mutation.mutate()}
        >
          Sign out
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={320}>
        <Stack gap={4} role="alert">
          <Text size="sm" fw={600}>
            Could not sign out
          </Text>
          <Text size="sm">{mutation.error?.message}</Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
