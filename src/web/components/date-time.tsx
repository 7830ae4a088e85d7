import { Text, type TextProps } from '@mantine/core';
import { formatExact, formatRelative, MISSING, parseCloudTime } from '../lib/format';
import { useNow } from '../lib/use-now';

/**
 * A timestamp shown relative ("5 minutes ago"), the exact time on hover. The raw value is added to
 * the hover text for cloud values (`raw`), whose formats vary.
 */
export function RelativeTime({
  value,
  raw = true,
  ...props
}: { value: string | null | undefined; raw?: boolean } & TextProps) {
  const now = useNow();
  const date = parseCloudTime(value);
  if (!value) return <Text span {...props}>{MISSING}</Text>;
  if (!date) return <Text span {...props}>{value}</Text>;
  const exact = formatExact(date);
  return (
    <Text span {...props} component="time" dateTime={date.toISOString()} title={raw ? `${exact} (cloud value: ${value})` : exact}>
      {formatRelative(date, now)}
    </Text>
  );
}

/** A cloud timestamp shown exactly, with the relative time next to it. */
export function ExactTime({ value }: { value: string | null | undefined }) {
  const date = parseCloudTime(value);
  if (!value) return <>{MISSING}</>;
  if (!date) return <>{value}</>;
  return (
    <>
      <time dateTime={date.toISOString()} title={`cloud value: ${value}`}>
        {formatExact(date)}
      </time>{' '}
      <RelativeTime value={value} c="dimmed" size="sm" />
    </>
  );
}
