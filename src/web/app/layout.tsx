import { Anchor, Box, Container, Group, Title } from '@mantine/core';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { QueryFailure } from '../components/query-failure';
import { LoadingState } from '../components/states';
import { StopFollower } from '../features/migration-tasks/components/stop-follower';
import { useSession } from '../features/session/api/get-session';
import { SessionGate } from '../features/session/components/session-gate';
import { SessionSummary } from '../features/session/components/session-summary';
import { useCan } from '../features/session/hooks/use-can';
import { DemoBanner } from '../features/targets/components/demo-banner';
import { TargetSwitcher } from '../features/targets/components/target-switcher';
import { useRouteTarget } from '../features/targets/lib/current-target';
import { ACTIVITY_PATH, listPath } from '../lib/paths';
import { APP_NAME } from '../lib/use-document-title';

function SessionError() {
  const session = useSession();
  return <QueryFailure query={session} title="Could not load your session" staleTitle="Could not refresh your session" what="your session" />;
}

/** The audit trail, for those who may read it (hidden, not disabled, for the others). */
function ActivityLink() {
  const allowed = useCan('audit:read');
  if (!allowed) return null;
  return (
    <Anchor component={NavLink} to={ACTIVITY_PATH} size="sm" fw={600}>
      Activity
    </Anchor>
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
  const target = useRouteTarget();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="xl" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="lg" align="center" component="nav" aria-label="Main">
              <Title order={2} size="h4" component="p">
                <Link to={target ? listPath(target.id) : '/'} style={{ color: 'inherit', textDecoration: 'none' }}>
                  {APP_NAME}
                </Link>
              </Title>
              <ActivityLink />
            </Group>
            <Group gap="lg" wrap="wrap" align="center">
              <TargetSwitcher />
              <SessionSummary />
            </Group>
          </Group>
        </Container>
      </Box>
      <DemoBanner />
      <Container size="xl" py="lg" component="main">
        <SessionError />
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </Container>
      <StopFollower />
    </Box>
  );
}
