import { Text, type TextProps } from '@mantine/core';
import { useT } from '../i18n';
import { formatExact, formatRelative, MISSING, parseCloudTime } from '../lib/format';
import { useNow } from '../lib/use-now';
import './date-time.css';

/** Times under a minute old say "42 seconds ago": refresh those often, the others twice a minute. */
function useNowFor(date: Date | null): number {
  const coarse = useNow(30_000);
  const recent = date !== null && Math.abs(coarse - date.getTime()) < 90_000;
  const fine = useNow(recent ? 5_000 : 30_000);
  return Math.max(coarse, fine);
}

/**
 * A timestamp shown relative ("5 minutes ago"), kept current; the exact time on hover (title) and
 * on keyboard focus (shown inline). The raw value is added to the hover text for cloud values
 * (`raw`), whose formats vary.
 */
export function RelativeTime({
  value,
  raw = true,
  ...props
}: { value: string | null | undefined; raw?: boolean } & TextProps) {
  const t = useT('common');
  const date = parseCloudTime(value);
  const now = useNowFor(date);
  if (!value) return <Text span {...props}>{MISSING}</Text>;
  if (!date) return <Text span {...props}>{value}</Text>;
  const exact = formatExact(date);
  return (
    <Text
      span
      {...props}
      component="time"
      className="dcs-time"
      tabIndex={0}
      dateTime={date.toISOString()}
      data-exact={exact}
      title={raw ? t('exactWithCloudValue', { exact, raw: value }) : exact}
    >
      {formatRelative(date, now)}
    </Text>
  );
}

/** A cloud timestamp shown exactly, with the relative time next to it. */
export function ExactTime({ value }: { value: string | null | undefined }) {
  const t = useT('common');
  const date = parseCloudTime(value);
  if (!value) return <>{MISSING}</>;
  if (!date) return <>{value}</>;
  return (
    <>
      <time dateTime={date.toISOString()} title={t('cloudValue', { raw: value })}>
        {formatExact(date)}
      </time>{' '}
      <RelativeTime value={value} c="dimmed" size="sm" />
    </>
  );
}
