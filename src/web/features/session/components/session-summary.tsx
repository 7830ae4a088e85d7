import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import { useT, type Translate } from '../../../i18n';
import { formatExact } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { SignOutButton } from './sign-out-button';

const ROLE_BADGES: Record<string, { labelKey: 'roleOperator' | 'roleViewer'; color: string }> = {
  operator: { labelKey: 'roleOperator', color: 'orange' },
  viewer: { labelKey: 'roleViewer', color: 'gray' },
};

function roleBadge(role: string, t: Translate<'session'>) {
  const known = Object.hasOwn(ROLE_BADGES, role) ? ROLE_BADGES[role] : undefined;
  // A role this page does not know (a newer server's) is shown as it is.
  return known ? { label: t(known.labelKey), color: known.color } : { label: role, color: 'gray' };
}

/** A short label with its explanation: as the hover title, and as text for screen readers. */
function Explained({ help, children }: { help: string; children: string }) {
  return (
    <>
      {children}
      <VisuallyHidden component="span">: {help}</VisuallyHidden>
    </>
  );
}

function AuthMode({ mode, expiresAt }: { mode: string; expiresAt: string | undefined }) {
  const t = useT('session');
  if (mode === 'none') {
    return (
      <Badge variant="outline" color="gray" size="sm" title={t('devAuthHelp')} data-testid="auth-mode">
        <Explained help={t('devAuthHelp')}>{t('devAuth')}</Explained>
      </Badge>
    );
  }
  const ends = expiresAt ? new Date(expiresAt) : null;
  const endsText = ends && !Number.isNaN(ends.getTime()) ? formatExact(ends) : null;
  let label = mode;
  let help = t('otherModeHelp', { mode });
  if (mode === 'proxy') {
    label = t('viaProxy');
    help = t('proxyHelp');
  } else if (mode === 'oidc') {
    label = t('singleSignOn');
    help = endsText ? t('oidcHelpUntil', { time: endsText }) : t('oidcHelp');
  }
  return (
    <Text size="xs" c="dimmed" title={help} data-testid="auth-mode">
      <Explained help={help}>{label}</Explained>
    </Text>
  );
}

/** Who is signed in, in which role, how; and "Sign out" when the console can sign you out. */
export function SessionSummary() {
  const t = useT('session');
  const { data, isPending, isError } = useSession();
  if (isPending) return <Text size="sm" c="dimmed">{t('loadingSession')}</Text>;
  if (isError && !data) return <Text size="sm" c="var(--mantine-color-error)">{t('sessionUnavailable')}</Text>;
  const { user, roles, auth_mode, logout_url, expires_at } = data;
  return (
    <Group gap="sm" wrap="wrap" align="center" data-testid="session-summary">
      <Text size="sm" fw={600} truncate maw="12rem" title={user.name} data-testid="session-user">
        {user.name}
      </Text>
      <Group gap={4} data-testid="session-roles">
        {roles.length === 0 ? (
          <Badge variant="light" color="red" size="sm" title={t('noRoleHelp')}>
            <Explained help={t('noRoleHelp')}>{t('noRole')}</Explained>
          </Badge>
        ) : (
          roles.map((role) => {
            const { label, color } = roleBadge(role, t);
            return (
              <Badge key={role} variant="light" color={color} size="sm">
                {label}
              </Badge>
            );
          })
        )}
      </Group>
      <AuthMode mode={auth_mode} expiresAt={expires_at} />
      {logout_url && <SignOutButton />}
    </Group>
  );
}
