import { describe, expect, it } from 'vitest';
import { historyQuerySchema } from './history';
import { HISTORY_MAX_SAMPLES, HISTORY_MIN_SPACING_S, HISTORY_RETENTION_S } from './rules/history';

describe('historyQuerySchema', () => {
  it('normalises since to UTC and refuses a date without a zone', () => {
    expect(historyQuerySchema.parse({ since: '2025-01-31T10:00:00+02:00' }).since).toBe('2025-01-31T08:00:00.000Z');
    expect(historyQuerySchema.safeParse({ since: '2025-01-31T10:00:00' }).success).toBe(false);
    expect(historyQuerySchema.safeParse({ target: 'Bad_Target' }).success).toBe(false);
  });

  it('bounds the samples per task by retention and spacing', () => {
    expect(HISTORY_MAX_SAMPLES).toBe(HISTORY_RETENTION_S / HISTORY_MIN_SPACING_S);
    expect(Number.isInteger(HISTORY_MAX_SAMPLES)).toBe(true);
  });
});
