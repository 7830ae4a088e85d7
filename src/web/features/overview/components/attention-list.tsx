// A target's "needs attention" list: why, which task (linked to its page), its status, since when.
import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { AttentionItem } from '../../../../api';
import { RelativeTime } from '../../../components/date-time';
import { StatusBadge } from '../../../components/status-badge';
import { rich, slot } from '../../../i18n';
import { taskPath } from '../../../lib/paths';
import { useNow } from '../../../lib/use-now';
import { useOverviewT } from '../lib/english';
import { ageOf, attentionText, isKnownKind, KIND_COLORS, type ServerClock } from '../lib/overview-display';
import './overview.css';

/** Why the task is listed; "Stopping for 14 min" counts on, on the server's clock. */
function KindBadge({ item, clock }: { item: AttentionItem; clock: ServerClock }) {
  const now = useNow(10_000);
  const kind: string = item.kind;
  const age = kind === 'stopping_long' ? ageOf(item.since, clock, now) : null;
  return (
    <Badge color={isKnownKind(kind) ? KIND_COLORS[kind] : 'gray'} variant="light" style={{ flexShrink: 0 }} data-testid="attention-kind">
      {attentionText(item, age)}
    </Badge>
  );
}

function Item({ item, targetId, clock }: { item: AttentionItem; targetId: string; clock: ServerClock }) {
  const t = useOverviewT();
  const kind: string = item.kind;
  return (
    <li data-testid="attention-item" data-kind={kind} data-task-id={item.task_id}>
      <Group gap="xs" wrap="wrap" align="center">
        <KindBadge item={item} clock={clock} />
        <Anchor component={Link} to={taskPath(targetId, item.task_id)} fw={600} size="sm">
          {item.task_name || t('unnamedTask')}
        </Anchor>
        {!item.task_name && (
          <Text span ff="monospace" size="xs" c="dimmed">
            {item.task_id}
          </Text>
        )}
        <StatusBadge status={item.status} testId="attention-status" />
        {item.since && isKnownKind(kind) && (
          <Text span size="sm" c="dimmed">
            {rich(t(`since_${kind}`, { time: slot('time') }), { time: <RelativeTime value={item.since} raw={false} size="sm" /> })}
          </Text>
        )}
      </Group>
    </li>
  );
}

/** The target's tasks that need attention, each linked to its page; "Nothing needs attention" when none. */
export function AttentionList({ items, targetId, clock }: { items: AttentionItem[]; targetId: string; clock: ServerClock }) {
  const t = useOverviewT();
  const headingId = useId();
  return (
    <Stack gap={6} data-testid="attention">
      <Title order={3} size="h5" id={headingId}>
        {t('attentionTitle')}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="attention-empty">
          {t('attentionEmpty')}
        </Text>
      ) : (
        <ul className="dcs-overview-list" aria-labelledby={headingId}>
          {items.map((item, index) => (
            <Item key={`${item.kind}-${item.task_id}-${index}`} item={item} targetId={targetId} clock={clock} />
          ))}
        </ul>
      )}
    </Stack>
  );
}
