// The optional reason of a stop (single, batch, or when caught up). It is one line in the audit
// trail: line breaks and tabs become spaces as they are typed or pasted, and Enter neither adds a
// line nor submits the stop.
import { Stack, Text, Textarea, type TextareaProps } from '@mantine/core';
import { oneLine } from '../lib/stop-reason';

interface StopReasonFieldProps extends Omit<TextareaProps, 'value' | 'onChange' | 'onKeyDown'> {
  value: string;
  onChange: (reason: string) => void;
}

export function StopReasonField({ value, onChange, ...props }: StopReasonFieldProps) {
  return (
    <Textarea
      autosize
      {...props}
      value={value}
      onChange={(event) => onChange(oneLine(event.currentTarget.value))}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
    />
  );
}

/** The reason field with its character count under it (the stop dialog). */
export function StopReasonWithCount({ value, max, ...props }: StopReasonFieldProps & { max: number }) {
  return (
    <Stack gap={4}>
      <StopReasonField {...props} value={value} />
      <Text size="xs" c={value.trim().length > max ? 'var(--mantine-color-error)' : 'dimmed'} ta="right" data-testid="stop-reason-count">
        {value.length} / {max}
      </Text>
    </Stack>
  );
}
