import { Button, Group, Paper, Text } from '@mantine/core';
import { useT } from '../../../i18n';
import '../lib/english';

/** How much of a batch id the line shows: enough to tell batches apart at a glance. */
const SHORT_ID_LENGTH = 8;

interface BatchFilterLineProps {
  batch: string;
  /** How many records the batch has, once read. */
  count: number | undefined;
  problem?: string;
  onClear: () => void;
}

/** "Batch 0f8fad5b · 30 records", shown while the activity is narrowed to one batch stop, with the way out. */
export function BatchFilterLine({ batch, count, problem, onClear }: BatchFilterLineProps) {
  const t = useT('audit');
  const id = batch.slice(0, SHORT_ID_LENGTH);
  return (
    <Paper withBorder px="sm" py={6} w="fit-content" maw="100%" data-testid="audit-batch-filter">
      <Group gap="sm" wrap="wrap">
        {problem ? (
          <Text size="sm" c="red" role="alert">
            {problem}
          </Text>
        ) : (
          <Text size="sm" fw={600} title={batch}>
            {count === undefined ? t('batchFilter', { id }) : t('batchFilterCount', { id, count })}
          </Text>
        )}
        <Button variant="subtle" size="compact-sm" onClick={onClear}>
          {t('batchFilterClear')}
        </Button>
      </Group>
    </Paper>
  );
}
