// Formatting helpers. Cloud values arrive as strings or numbers in several shapes; every helper
// returns null when it cannot read a value so the caller shows the raw value or "—".
// Numbers, times and durations follow the interface language (currentLocale()); formatters are
// made once per language.
import { currentLocale, translate, type Locale } from '../i18n';

export const MISSING = '—';

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

// English keeps the forms operators know from the cloud's English console: 1,234.5 and "27 Nov 2025, 14:03:22".
const INTL_LOCALE: Record<Locale, { numbers: string; dates: string }> = {
  en: { numbers: 'en-US', dates: 'en-GB' },
  'zh-CN': { numbers: 'zh-CN', dates: 'zh-CN' },
};

/** One formatter per language and kind, made on first use. */
function perLocale<T>(make: (locale: { numbers: string; dates: string }) => T): () => T {
  const made = new Map<Locale, T>();
  return () => {
    const locale = currentLocale();
    let value = made.get(locale);
    if (value === undefined) made.set(locale, (value = make(INTL_LOCALE[locale])));
    return value;
  };
}

const integer = perLocale(({ numbers }) => new Intl.NumberFormat(numbers, { maximumFractionDigits: 0 }));
const decimal = perLocale(({ numbers }) => new Intl.NumberFormat(numbers, { maximumFractionDigits: 1 }));

export function formatNumber(value: unknown): string | null {
  const n = toNumber(value);
  if (n === null) return null;
  return Number.isInteger(n) ? integer().format(n) : decimal().format(n);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes (string or number) as "1.5 GB"; 1 KB = 1024 B. */
export function formatBytes(value: unknown): string | null {
  let n = toNumber(value);
  if (n === null || n < 0) return null;
  let unit = 0;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? integer().format(n) : decimal().format(n)} ${UNITS[unit]}`;
}

/**
 * Best-effort parse of the cloud's time formats: ISO-8601, "YYYY/MM/DD HH:MM:SS",
 * "YYYY-MM-DD HH:MM:SS" and "YYYYMMDDHHMM[SS]". Times without a zone are read as UTC.
 */
export function parseCloudTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const s = value.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(s);
  if (compact) {
    const [, y, mo, d, h, mi, se] = compact;
    return validDate(`${y}-${mo}-${d}T${h}:${mi}:${se ?? '00'}Z`);
  }
  const spaced = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(s);
  if (spaced) {
    const [, y, mo, d, h, mi, se, frac] = spaced;
    return validDate(`${y}-${mo}-${d}T${h}:${mi}:${se ?? '00'}${frac ?? ''}Z`);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return validDate(s);
  return null;
}

function validDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const clock = perLocale(
  ({ dates }) => new Intl.DateTimeFormat(dates, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
);

/** "14:03:22" in the browser's time zone. */
export function formatClock(time: number | Date): string {
  return clock().format(time);
}

const exact = perLocale(
  ({ dates }) =>
    new Intl.DateTimeFormat(dates, {
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }),
);

/** "27 Nov 2025, 14:03:22 UTC" ("2025年11月27日 14:03:22 UTC") in the browser's time zone. */
export function formatExact(date: Date): string {
  return exact().format(date);
}

const relative = perLocale(({ dates }) => new Intl.RelativeTimeFormat(dates, { numeric: 'auto' }));
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "5 minutes ago" ("5分钟前"), "in 2 hours"; "just now" under half a second either way. */
export function formatRelative(date: Date, now: number): string {
  let amount = (date.getTime() - now) / 1000;
  if (Math.round(amount) === 0) return translate('common', 'justNow');
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative().format(Math.round(amount), unit);
    amount /= size;
  }
  return relative().format(Math.round(amount), 'year');
}

/** A duration as "42 s", "3 min 5 s", "2 h 10 min" ("42 秒", …) for "data from 42 s ago". */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return translate('common', 'ageSeconds', { seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return translate('common', 'ageMinutes', { minutes, seconds: seconds % 60 });
  return translate('common', 'ageHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
