import { Anchor, Box, Container, Title } from '@mantine/core';
import { Link, NavLink } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { ThemeSwitch } from '../components/theme-switch';
import { SessionSummary } from '../features/session/components/session-summary';
import { useCan } from '../lib/use-can';
import { TargetSwitcher } from '../features/targets/components/target-switcher';
import { useRouteTarget } from '../lib/current-target';
import { useT } from '../i18n';
import { ACTIVITY_PATH, listPath } from '../lib/paths';
import './app-header.css';

/** Every target at a glance (`/`), for everyone. */
function OverviewLink() {
  const t = useT('shell');
  return (
    <Anchor component={NavLink} to="/" end size="sm" fw={600}>
      {t('overview')}
    </Anchor>
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

/**
 * One row from 1024 px up (app-header.css says what gives way at which width); below, the parts
 * wrap onto more rows, never wider than the screen.
 */
export function AppHeader() {
  const t = useT('shell');
  const target = useRouteTarget();
  return (
    <Box component="header" className="dcs-header">
      <Container size="xl" py={8}>
        <div className="dcs-header-row">
          <nav className="dcs-header-nav" aria-label={t('mainNav')}>
            <Title order={2} size="h4" component="p" className="dcs-header-title">
              <Anchor component={Link} to={target ? listPath(target.id) : '/'} c="inherit" underline="hover">
                {t('appName')}
              </Anchor>
            </Title>
            <OverviewLink />
            <ActivityLink />
          </nav>
          <div className="dcs-header-tools">
            <TargetSwitcher />
            <SessionSummary />
            <div className="dcs-header-switches">
              <LanguageSwitch />
              <ThemeSwitch />
            </div>
          </div>
        </div>
      </Container>
    </Box>
  );
}
