import { Badge, Stack, Text, type BadgeProps } from '@mantine/core';
import { outcomeDisplay } from '../lib/outcome-display';

/**
 * A badge is never cut ("ACCEP…"): Mantine's badge hides what does not fit behind an ellipsis, so
 * here it keeps its whole label and its own width, and the cell around it grows or wraps instead.
 */
export const WHOLE_BADGE = {
  root: { overflow: 'visible', minWidth: 'max-content', flexShrink: 0 },
  label: { overflow: 'visible', textOverflow: 'clip' },
} satisfies BadgeProps['styles'];

/** The outcome of a stop attempt; "unknown" says what to do about it. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { label, color, note } = outcomeDisplay(outcome);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={color} variant="light" data-testid="audit-outcome" data-outcome={outcome} styles={WHOLE_BADGE}>
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
