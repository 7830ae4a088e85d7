import { Anchor, Box, Container, Group, Title } from '@mantine/core';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { QueryFailure } from '../components/query-failure';
import { LoadingState } from '../components/states';
import { ThemeSwitch } from '../components/theme-switch';
import { StopFollower } from '../features/migration-tasks/components/stop-follower';
import { useSession } from '../features/session/api/get-session';
import { SessionGate } from '../features/session/components/session-gate';
import { SessionSummary } from '../features/session/components/session-summary';
import { useCan } from '../features/session/hooks/use-can';
import { DemoBanner } from '../features/targets/components/demo-banner';
import { TargetSwitcher } from '../features/targets/components/target-switcher';
import { useRouteTarget } from '../features/targets/lib/current-target';
import { useT } from '../i18n';
import { ACTIVITY_PATH, listPath } from '../lib/paths';
import '../components/page.css';

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

/** The audit trail, for those who may read it (hidden, not disabled, for the others). */
function ActivityLink() {
  const t = useT('shell');
  const allowed = useCan('audit:read');
  if (!allowed) return null;
  return (
    <Anchor component={NavLink} to={ACTIVITY_PATH} size="sm" fw={600}>
      {t('activity')}
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
  const t = useT('shell');
  const target = useRouteTarget();
  return (
    <Box className="dcs-page">
      <Box component="header" className="dcs-header">
        <Container size="xl" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="lg" align="center" component="nav" aria-label={t('mainNav')}>
              <Title order={2} size="h4" component="p">
                <Anchor component={Link} to={target ? listPath(target.id) : '/'} c="inherit" underline="hover">
                  {t('appName')}
                </Anchor>
              </Title>
              <ActivityLink />
            </Group>
            <Group gap="lg" wrap="wrap" align="flex-end">
              <TargetSwitcher />
              <SessionSummary />
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <LanguageSwitch />
                <ThemeSwitch />
              </Group>
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
