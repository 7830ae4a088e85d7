import { Button, Group, Paper, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useT } from '../../../../i18n';
import type { TaskLike } from '../../lib/task-display';
import { loadStopFollower } from '../stop-follower-slot';

// The dialog (and Mantine's Modal with it) downloads only when someone opens it.
const BatchStopDialog = lazy(() => Promise.all([import('./batch-stop-dialog'), loadStopFollower()]).then(([dialog]) => dialog));

interface BatchActionBarProps {
  targetId: string;
  selected: TaskLike[];
  onClear: () => void;
  /** After the run: the tasks whose stop was sent, to leave the selection. */
  onSent: (taskIds: string[]) => void;
}

/** "3 selected · Clear selection · Stop 3 tasks", for a session that may stop tasks. */
export function BatchActionBar({ targetId, selected, onClear, onSent }: BatchActionBarProps) {
  const t = useT('batch');
  const [opened, { open, close }] = useDisclosure(false);
  const count = selected.length;
  return (
    // With nothing selected it is only a hint: not on a phone, where it would push the rows down.
    <Paper withBorder radius="md" px="md" py="xs" data-testid="batch-bar" visibleFrom={count ? undefined : 'sm'}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" aria-live="polite" fw={count ? 600 : undefined} c={count ? undefined : 'dimmed'}>
          {count ? t('selectedCount', { count }) : t('selectHint')}
        </Text>
        {count > 0 && (
          <Group gap="xs">
            <Button variant="subtle" size="compact-sm" onClick={onClear}>
              {t('clearSelection')}
            </Button>
            <Button color="red" size="compact-sm" onClick={open}>
              {t('stopSelected', { count })}
            </Button>
          </Group>
        )}
      </Group>
      {opened && (
        <Suspense fallback={null}>
          <BatchStopDialog targetId={targetId} tasks={selected} onClose={close} onSent={onSent} />
        </Suspense>
      )}
    </Paper>
  );
}
