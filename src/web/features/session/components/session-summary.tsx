import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { formatExact } from '../../../lib/format';
import { useSession } from '../api/get-session';
import { SignOutButton } from './sign-out-button';

const ROLE_LABELS: Record<string, { label: string; color: string }> = {
  operator: { label: 'Operator', color: 'orange' },
  viewer: { label: 'Viewer', color: 'gray' },
};

function roleBadge(role: string) {
  return ROLE_LABELS[role] ?? { label: role.charAt(0).toUpperCase() + role.slice(1), color: 'gray' };
}

function AuthMode({ mode, expiresAt }: { mode: string; expiresAt: string | undefined }) {
  if (mode === 'none') {
    return (
      <Tooltip
        label="dev auth — everyone is an operator. The console does not authenticate users: local demo only."
        withArrow
        multiline
        maw={280}
      >
        <Badge variant="outline" color="gray" size="sm" tabIndex={0} data-testid="auth-mode">
          dev auth
        </Badge>
      </Tooltip>
    );
  }
  const ends = expiresAt ? new Date(expiresAt) : null;
  const endsText = ends && !Number.isNaN(ends.getTime()) ? ` Your sign-in lasts until ${formatExact(ends)}.` : '';
  const title =
    mode === 'proxy'
      ? 'Signed in by the authenticating proxy in front of the console.'
      : mode === 'oidc'
        ? `Signed in with single sign-on (OpenID Connect).${endsText}`
        : `Sign-in mode: ${mode}.`;
  return (
    <Text size="xs" c="dimmed" title={title} data-testid="auth-mode">
      {mode === 'oidc' ? 'single sign-on' : mode === 'proxy' ? 'via proxy' : mode}
    </Text>
  );
}

/** Who is signed in, in which role, how; and "Sign out" when the console can sign you out. */
export function SessionSummary() {
  const { data, isPending, isError } = useSession();
  if (isPending) return <Text size="sm" c="dimmed">Loading session…</Text>;
  if (isError && !data) return <Text size="sm" c="red.8">Session unavailable</Text>;
  const { user, roles, auth_mode, logout_url, expires_at } = data;
  return (
    <Group gap="sm" wrap="wrap" align="center" data-testid="session-summary">
      <Text size="sm" fw={600} data-testid="session-user">
        {user.name}
      </Text>
      <Group gap={4} data-testid="session-roles">
        {roles.length === 0 ? (
          <Tooltip label="Signed in without a console role: you can see nothing. Ask the administrators for one." withArrow>
            <Badge variant="light" color="red" size="sm" tabIndex={0}>
              No role
            </Badge>
          </Tooltip>
        ) : (
          roles.map((role) => {
            const { label, color } = roleBadge(role);
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
