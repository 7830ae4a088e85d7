import { Anchor, Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { CopyId } from '../../../components/copy-id';
import { LoadingState } from '../../../components/states';
import { isApiError, type ApiError } from '../../../lib/api-client';
import { useT } from '../../../i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import '../../../components/page.css';
import { useSession } from '../../../lib/session';
import { signInController, signInUrl, type SignInState } from '../lib/sign-in';

/** The sign-in state of this page load (redirecting, blocked, signing out), or null. */
export function useSignInState(): SignInState | null {
  const controller = signInController(useQueryClient());
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
}

function Shell({ state, title, children }: { state: string; title: string; children: ReactNode }) {
  const t = useT('shell');
  useDocumentTitle(title);
  return (
    <Box className="dcs-page" py="xl">
      <Container size="sm" component="main">
        <Paper withBorder p="xl" radius="md" data-testid="sign-in-page" data-state={state}>
          <Stack gap="md">
            <Text size="sm" c="dimmed" fw={600}>
              {t('appName')}
            </Text>
            {children}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}

function RequestId({ error }: { error: ApiError }) {
  const t = useT('session');
  const te = useT('errors');
  if (!error.request_id) return null;
  return (
    <Group gap={6}>
      <Text size="sm" c="dimmed">
        {t('requestIdLabel')}
      </Text>
      <CopyId value={error.request_id} label={te('requestId')} />
    </Group>
  );
}

function NotSignedIn({ url, children }: { url: string; children?: ReactNode }) {
  const t = useT('session');
  return (
    <Shell state="not-signed-in" title={t('notSignedInTitle')}>
      <Title order={1} size="h2">
        {t('notSignedInHeading')}
      </Title>
      {children ?? <Text>{t('signInToUse')}</Text>}
      <Group>
        <Button component="a" href={url}>
          {t('signIn')}
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
  const t = useT('session');
  const tc = useT('common');
  const signIn = useSignInState();
  const { error } = useSession();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;

  if (signIn?.kind === 'signing-out') {
    return (
      <Shell state="signing-out" title={t('signingOutTitle')}>
        <LoadingState label={t('signingOut')} />
      </Shell>
    );
  }
  if (signIn?.kind === 'redirecting') {
    return (
      <Shell state="redirecting" title={t('signingInTitle')}>
        <LoadingState label={t('signingIn')} />
        <Text size="sm" c="dimmed" ta="center">
          {t('nothingHappening')} <Anchor href={signIn.url}>{t('continueToSignIn')}</Anchor>
        </Text>
      </Shell>
    );
  }
  if (signIn?.kind === 'blocked') {
    return (
      <NotSignedIn url={signIn.url}>
        <Text>{t('cameBackSignedOut')}</Text>
      </NotSignedIn>
    );
  }
  if (!isApiError(error)) return children;

  if (error.code === 'SIGN_IN_FAILED') {
    return (
      <Shell state="sign-in-failed" title={t('signInFailed')}>
        <Title order={1} size="h2">
          {t('signInFailed')}
        </Title>
        <Text>{error.message}</Text>
        <RequestId error={error} />
        <Group>
          <Button component="a" href={signInUrl(error.login_url, here)}>
            {t('tryAgain')}
          </Button>
        </Group>
      </Shell>
    );
  }
  if (error.code !== 'UNAUTHENTICATED') return children;
  if (error.login_url !== undefined) return <NotSignedIn url={signInUrl(error.login_url, here)} />;
  // No sign-in page: the console trusts an authenticating proxy, and the request came without an identity.
  return (
    <Shell state="proxy-unauthenticated" title={t('notSignedInTitle')}>
      <Title order={1} size="h2">
        {t('notSignedInHeading')}
      </Title>
      <Text>{t('proxyNoIdentity')}</Text>
      <Text>{t('proxyAdvice')}</Text>
      <Text size="sm" c="dimmed">
        {t('consoleSaid', { message: error.message })}
      </Text>
      <RequestId error={error} />
      <Group>
        <Button variant="light" onClick={() => window.location.reload()}>
          {tc('reloadPage')}
        </Button>
      </Group>
    </Shell>
  );
}
