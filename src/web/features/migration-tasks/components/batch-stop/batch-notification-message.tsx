import { Box, Button, Modal, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useBatchDialogT } from './english';
import type { BatchTaskOutcome } from '../../api/batch-stop-migration-tasks';
import type { TaskLike } from '../../lib/task-display';
import { BatchStopReport } from './batch-stop-report';

interface BatchNotificationMessageProps {
  text: string;
  targetId: string;
  tasks: TaskLike[];
  outcomes: ReadonlyMap<string, BatchTaskOutcome>;
}

/** The batch notification's text, and the per-task report again (the dialog that showed it may be closed). */
export function BatchNotificationMessage({ text, targetId, tasks, outcomes }: BatchNotificationMessageProps) {
  const t = useBatchDialogT();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Stack gap={6} align="flex-start">
      <Box data-testid="batch-notification-text">{text}</Box>
      <Button variant="default" size="compact-sm" onClick={open}>
        {t('notifyShowReport')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('reportTitle')} size="xl" closeButtonProps={{ 'aria-label': t('close') }}>
        <BatchStopReport targetId={targetId} tasks={tasks} outcomes={outcomes} />
      </Modal>
    </Stack>
  );
}
