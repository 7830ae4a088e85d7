import { Button, Group, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useT } from '../../../i18n';
import { useSignOut } from '../api/sign-out';

/**
 * "Sign out" (only when the console can sign you out), confirmed in place: signing out in the
 * middle of an incident by a stray click costs a sign-in. A failure shows under the buttons.
 * Inline rather than a popover: no floating code in the first download.
 */
export function SignOutButton() {
  const t = useT('session');
  const tc = useT('common');
  const mutation = useSignOut();
  const [confirming, setConfirming] = useState(false);
  const signOutRef = useRef<HTMLButtonElement>(null);

  const cancel = () => {
    setConfirming(false);
    // Back to where the keyboard was, once the button is on screen again.
    requestAnimationFrame(() => signOutRef.current?.focus());
  };

  return (
    <Stack gap={4} align="flex-end">
      {confirming ? (
        <Group
          gap={6}
          wrap="nowrap"
          role="group"
          aria-label={t('signOutConfirm')}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !mutation.isPending) cancel();
          }}
        >
          <Text size="sm" fw={500}>
            {t('signOutConfirm')}
          </Text>
          <Button
            size="compact-sm"
            color="red"
            data-autofocus
            autoFocus
            loading={mutation.isPending || mutation.isSuccess}
            onClick={() => mutation.mutate(undefined, { onError: () => setConfirming(false) })}
          >
            {t('signOutYes')}
          </Button>
          <Button size="compact-sm" variant="default" onClick={cancel} disabled={mutation.isPending || mutation.isSuccess}>
            {tc('cancel')}
          </Button>
        </Group>
      ) : (
        <Button
          ref={signOutRef}
          variant="default"
          size="compact-sm"
          onClick={() => {
            mutation.reset();
            setConfirming(true);
          }}
        >
          {t('signOut')}
        </Button>
      )}
      {mutation.isError && !confirming && (
        <Stack gap={0} role="alert" maw={320}>
          <Text size="sm" fw={600} c="var(--mantine-color-error)">
            {t('signOutFailed')}
          </Text>
          <Text size="sm">{mutation.error.message}</Text>
        </Stack>
      )}
    </Stack>
  );
}
