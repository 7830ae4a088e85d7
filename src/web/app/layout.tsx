import { Box, Container } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { QueryFailure } from '../components/query-failure';
import { LoadingState } from '../components/states';
import { FollowStops } from '../features/migration-tasks/components/stop-follower-slot';
import { useSession } from '../lib/session';
import { SessionGate } from '../features/session/components/session-gate';
import { DemoBanner } from '../features/targets/components/demo-banner';
import { useT } from '../i18n';
import '../components/page.css';
import { AppHeader } from './app-header';
import { KeyboardHelp } from './keyboard-help';

function SessionError() {
  const t = useT('shell');
  const session = useSession();
  return (
    <QueryFailure
      query={session}
      title={t('sessionLoadFailed')}
      staleTitle={t('sessionRefreshFailed')}
      what={t('sessionWhat')}
    />
  );
}

export function AppLayout() {
  return (
    <SessionGate>
      <Layout />
    </SessionGate>
  );
}

function Layout() {
  return (
    <Box className="dcs-page">
      <AppHeader />
      <DemoBanner />
      <Container size="xl" py="lg" component="main">
        <SessionError />
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </Container>
      <FollowStops />
      <KeyboardHelp />
    </Box>
  );
}
