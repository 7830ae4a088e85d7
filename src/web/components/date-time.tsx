import { Text, type TextProps } from '@mantine/core';
import { useT } from '../i18n';
import { formatExact, formatRelative, MISSING, parseCloudTime } from '../lib/format';
import { useNow } from '../lib/use-now';
import './date-time.css';

/** How far ahead a past event may read as "just now": the server's clock a little ahead, or this one a tick behind. */
const AHEAD_AS_JUST_NOW_MS = 60_000;

/**
 * Times under a minute old say "42 seconds ago": refresh those often, the others twice a minute.
 * These are past events: one slightly ahead of the clock reads "just now", never "in 3 seconds".
 */
function useNowFor(date: Date | null): number {
  const coarse = useNow(30_000);
  const recent = date !== null && Math.abs(coarse - date.getTime()) < 90_000;
  const fine = useNow(recent ? 5_000 : 30_000);
  const now = Math.max(coarse, fine);
  if (date === null) return now;
  const ahead = date.getTime() - now;
  return ahead > 0 && ahead <= AHEAD_AS_JUST_NOW_MS ? date.getTime() : now;
}

/**
 * A timestamp shown relative ("5 minutes ago"), kept current; the exact time on hover (title) and
 * to keyboard users. By default the time is a Tab stop showing its exact time inline on focus.
 * In a table row that has controls of its own, `tabStop={false}` saves that Tab stop per row: the
 * exact time is then part of the time's text for screen readers (visually hidden) and is shown
 * while the keyboard is in the row (a control of it focused by Tab, or by j/k).
 * The raw value is added to the hover text for cloud values (`raw`), whose formats vary.
 */
export function RelativeTime({
  value,
  raw = true,
  tabStop = true,
  ...props
}: { value: string | null | undefined; raw?: boolean; tabStop?: boolean } & TextProps) {
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
      tabIndex={tabStop ? 0 : undefined}
      dateTime={date.toISOString()}
      data-exact={tabStop ? exact : undefined}
      title={raw ? t('exactWithCloudValue', { exact, raw: value }) : exact}
    >
      {formatRelative(date, now)}
      {!tabStop && <span className="dcs-time-exact"> ({exact})</span>}
    </Text>
  );
}

/** A cloud timestamp shown exactly, with the relative time next to it (plain text: the exact time is on screen already). */
export function ExactTime({ value }: { value: string | null | undefined }) {
  const t = useT('common');
  const date = parseCloudTime(value);
  const now = useNowFor(date);
  if (!value) return <>{MISSING}</>;
  if (!date) return <>{value}</>;
  return (
    <>
      <time dateTime={date.toISOString()} title={t('cloudValue', { raw: value })}>
        {formatExact(date)}
      </time>{' '}
      <Text span c="dimmed" size="sm">
        {formatRelative(date, now)}
      </Text>
    </>
  );
}
