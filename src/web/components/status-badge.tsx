import { Badge, Group, Text } from '@mantine/core';
import { statusPhase } from '../../api/rules';
import { useT } from '../i18n';
import { statusColor, statusLabel } from '../lib/status-display';

/** Plain-language status plus the raw DCS value; unknown values are shown raw, never hidden. */
export function StatusBadge({ status, testId }: { status: string | null | undefined; testId?: string }) {
  const t = useT('task');
  const unknown = statusPhase(status) === 'unknown';
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId} data-status={status ?? ''}>
      <Badge color={statusColor(status)} variant={unknown ? 'outline' : 'light'} style={{ flexShrink: 0 }}>
        {statusLabel(status)}
      </Badge>
      <Text span ff="monospace" size="xs" c="dimmed">
        {status || t('noStatus')}
      </Text>
    </Group>
  );
}
