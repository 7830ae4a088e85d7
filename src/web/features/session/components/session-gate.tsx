import { Anchor, Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { CopyId } from '../../../components/copy-id';
import { LoadingState } from '../../../components/states';
import { isApiError, type ApiError } from '../../../lib/api-client';
import { APP_NAME, useDocumentTitle } from '../../../lib/use-document-title';
import { useSession } from '../api/get-session';
import { signInController, signInUrl, type SignInState } from '../lib/sign-in';

/** The sign-in state of this page load (redirecting, blocked, signing out), or null. */
export function useSignInState(): SignInState | null {
  const controller = signInController(useQueryClient());
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
}

function Shell({ state, title, children }: { state: string; title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Box mih="100vh" bg="gray.0" py="xl">
      <Container size="sm" component="main">
        <Paper withBorder p="xl" radius="md" data-testid="sign-in-page" data-state={state}>
          <Stack gap="md">
            <Text size="sm" c="dimmed" fw={600}>
              {APP_NAME}
            </Text>
            {children}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}

function RequestId({ error }: { error: ApiError }) {
  if (!error.request_id) return null;
  return (
    <Group gap={6}>
      <Text size="sm" c="dimmed">
        Request id:
      </Text>
      <CopyId value={error.request_id} label="Request id" />
    </Group>
  );
}

function NotSignedIn({ url, children }: { url: string; children?: ReactNode }) {
  return (
    <Shell state="not-signed-in" title="Not signed in">
      <Title order={1} size="h2">
        You are not signed in
      </Title>
      {children ?? <Text>Sign in to use the console.</Text>}
      <Group>
        <Button component="a" href={url}>
          Sign in
        </Button>
      </Group>
    </Shell>
  );
}

/**
 * The whole page while signing in or out, or when the console does not know who you are; the app
 * (`children`) otherwise. The server enforces every permission; this only explains.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const signIn = useSignInState();
  const { error } = useSession();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;

  if (signIn?.kind === 'signing-out') {
    return (
      <Shell state="signing-out" title="Signing out">
        <LoadingState label="Signing you out…" />
      </Shell>
    );
  }
  if (signIn?.kind === 'redirecting') {
    return (
      <Shell state="redirecting" title="Signing in">
        <LoadingState label="Signing you in…" />
        <Text size="sm" c="dimmed" ta="center">
          Nothing happening? <Anchor href={signIn.url}>Continue to sign-in</Anchor>
        </Text>
      </Shell>
    );
  }
  if (signIn?.kind === 'blocked') {
    return (
      <NotSignedIn url={signIn.url}>
        <Text>
          You were sent to sign in a moment ago and came back still signed out. The sign-in may not have finished, or
          your browser may be refusing the console’s cookies.
        </Text>
      </NotSignedIn>
    );
  }
  if (!isApiError(error)) return children;

  if (error.code === 'SIGN_IN_FAILED') {
    return (
      <Shell state="sign-in-failed" title="Sign-in failed">
        <Title order={1} size="h2">
          Sign-in failed
        </Title>
        <Text>{error.message}</Text>
        <RequestId error={error} />
        <Group>
          <Button component="a" href={signInUrl(error.login_url, here)}>
            Try again
          </Button>
        </Group>
      </Shell>
    );
  }
  if (error.code !== 'UNAUTHENTICATED') return children;
  if (error.login_url !== undefined) return <NotSignedIn url={signInUrl(error.login_url, here)} />;
  // No sign-in page: the console trusts an authenticating proxy, and the request came without an identity.
  return (
    <Shell state="proxy-unauthenticated" title="Not signed in">
      <Title order={1} size="h2">
        You are not signed in
      </Title>
      <Text>
        This console takes your identity from the authenticating proxy in front of it, and your request reached the
        console without one.
      </Text>
      <Text>
        Open the console at its usual address, through the proxy. If you did, ask the console’s administrators to check
        that the proxy signs you in and passes your identity on.
      </Text>
      <Text size="sm" c="dimmed">
        The console said: {error.message}
      </Text>
      <RequestId error={error} />
      <Group>
        <Button variant="light" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </Group>
    </Shell>
  );
}
