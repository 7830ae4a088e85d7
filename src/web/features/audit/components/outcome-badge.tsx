import { Badge, Stack, Text } from '@mantine/core';
import { outcomeDisplay } from '../lib/outcome-display';

/** The outcome of a stop attempt; "unknown" says what to do about it. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { label, color, note } = outcomeDisplay(outcome);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={color} variant="light" data-testid="audit-outcome" data-outcome={outcome}>
        {label}
      </Badge>
      {note && (
        <Text size="xs" fw={600}>
          {note}
        </Text>
      )}
    </Stack>
  );
}
