import { setLocale } from '../i18n';
import { formatAge, formatBytes, formatClock, formatExact, formatNumber, formatRelative, parseCloudTime } from './format';

describe('format helpers', () => {
  it('formats byte sizes given as strings or numbers', () => {
    expect(formatBytes('1610612736')).toBe('1.5 GB');
    expect(formatBytes(5242880)).toBe('5 MB');
    expect(formatBytes('512')).toBe('512 B');
    expect(formatBytes('not a size')).toBeNull();
    expect(formatBytes(null)).toBeNull();
  });

  it('formats numbers that arrive as strings', () => {
    expect(formatNumber('1254032')).toBe('1,254,032');
    expect(formatNumber('312.54')).toBe('312.5');
    expect(formatNumber('')).toBeNull();
  });

  it('reads the cloud time formats, zone-less ones as UTC', () => {
    expect(parseCloudTime('2025-11-20T08:30:00.123Z')?.toISOString()).toBe('2025-11-20T08:30:00.123Z');
    expect(parseCloudTime('2025/11/20 08:30:00')?.toISOString()).toBe('2025-11-20T08:30:00.000Z');
    expect(parseCloudTime('2025-11-20 08:30:05')?.toISOString()).toBe('2025-11-20T08:30:05.000Z');
    expect(parseCloudTime('202404011057')?.toISOString()).toBe('2024-04-01T10:57:00.000Z');
    expect(parseCloudTime('yesterday')).toBeNull();
    expect(parseCloudTime('2025-13-45T99:00:00Z')).toBeNull();
  });

  it('formats relative times', () => {
    const now = Date.parse('2025-11-20T10:00:00Z');
    expect(formatRelative(new Date('2025-11-20T09:55:00Z'), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date('2025-11-18T10:00:00Z'), now)).toBe('2 days ago');
    expect(formatRelative(new Date('2025-11-20T09:59:59Z'), now)).toBe('1 second ago');
    expect(formatRelative(new Date('2025-11-20T10:00:00Z'), now)).toBe('just now');
  });

  it('formats ages for "data from 42 s ago"', () => {
    expect(formatAge(42_400)).toBe('42 s');
    expect(formatAge(-500)).toBe('0 s');
    expect(formatAge(185_000)).toBe('3 min 5 s');
    expect(formatAge(2 * 3_600_000 + 10 * 60_000)).toBe('2 h 10 min');
  });
});

describe('format helpers follow the interface language', () => {
  const now = Date.parse('2025-11-20T10:00:00Z');
  afterEach(() => setLocale('en', { remember: false }));

  it('English: "27 Nov 2025, …", "5 minutes ago", "3 min 5 s"', () => {
    expect(formatExact(new Date('2025-11-27T14:03:22Z'))).toMatch(/^27 Nov 2025, \d\d:03:22 /);
    expect(formatClock(new Date('2025-11-27T14:03:22Z'))).toMatch(/^\d\d:03:22$/);
    expect(formatRelative(new Date('2025-11-20T09:55:00Z'), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date('2025-11-20T12:00:00Z'), now)).toBe('in 2 hours');
    expect(formatAge(185_000)).toBe('3 min 5 s');
  });

  it('Simplified Chinese: the same values in Chinese forms', async () => {
    await setLocale('zh-CN', { remember: false });
    expect(formatExact(new Date('2025-11-27T14:03:22Z'))).toMatch(/^2025年11月27日 (\S+ )?\d\d:03:22/);
    expect(formatClock(new Date('2025-11-27T14:03:22Z'))).toMatch(/^\d\d:03:22$/);
    expect(formatRelative(new Date('2025-11-20T09:55:00Z'), now)).toBe('5分钟前');
    expect(formatRelative(new Date('2025-11-20T12:00:00Z'), now)).toBe('2小时后');
    expect(formatRelative(new Date('2025-11-18T10:00:00Z'), now)).toBe('前天');
    expect(formatRelative(new Date(now), now)).toBe('刚刚');
    expect(formatAge(42_400)).toBe('42 秒');
    expect(formatAge(185_000)).toBe('3 分 5 秒');
    expect(formatAge(2 * 3_600_000 + 10 * 60_000)).toBe('2 小时 10 分');
    expect(formatNumber('1254032.54')).toBe('1,254,032.5');
    expect(formatBytes('1610612736')).toBe('1.5 GB');
  });

  it('switching back to English switches the forms back', async () => {
    await setLocale('zh-CN', { remember: false });
    expect(formatRelative(new Date('2025-11-20T09:55:00Z'), now)).toBe('5分钟前');
    await setLocale('en', { remember: false });
    expect(formatRelative(new Date('2025-11-20T09:55:00Z'), now)).toBe('5 minutes ago');
  });
});
