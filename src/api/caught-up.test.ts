import { describe, expect, it } from 'vitest';
import { caughtUpRequestSchema } from './caught-up';
import {
  CAUGHT_UP_POLL_INTERVAL_S_DEFAULT,
  CAUGHT_UP_POLL_INTERVAL_S_MAX,
  CAUGHT_UP_POLL_INTERVAL_S_MIN,
  CAUGHT_UP_POLLS_DEFAULT,
  CAUGHT_UP_POLLS_MAX,
  CAUGHT_UP_THRESHOLD_DEFAULT,
} from './rules/caught-up';

describe('caughtUpRequestSchema', () => {
  it('fills the defaults the browser shows from the rules', () => {
    expect(caughtUpRequestSchema.parse({})).toEqual({
      threshold: CAUGHT_UP_THRESHOLD_DEFAULT,
      consecutive_polls: CAUGHT_UP_POLLS_DEFAULT,
      poll_interval_s: CAUGHT_UP_POLL_INTERVAL_S_DEFAULT,
    });
  });

  it.each([
    { threshold: -1 },
    { threshold: 1.5 },
    { threshold: '0' },
    { consecutive_polls: 0 },
    { consecutive_polls: CAUGHT_UP_POLLS_MAX + 1 },
    { poll_interval_s: CAUGHT_UP_POLL_INTERVAL_S_MIN - 1 },
    { poll_interval_s: CAUGHT_UP_POLL_INTERVAL_S_MAX + 1 },
    { reason: 'line\nbreak' },
    { extra: true },
  ])('refuses %j', (body) => {
    expect(caughtUpRequestSchema.safeParse(body).success).toBe(false);
  });

  it('keeps a trimmed reason and the bounds inclusive', () => {
    const parsed = caughtUpRequestSchema.parse({ threshold: 0, consecutive_polls: CAUGHT_UP_POLLS_MAX, poll_interval_s: CAUGHT_UP_POLL_INTERVAL_S_MIN, reason: '  cut-over  ' });
    expect(parsed).toMatchObject({ consecutive_polls: CAUGHT_UP_POLLS_MAX, poll_interval_s: CAUGHT_UP_POLL_INTERVAL_S_MIN, reason: 'cut-over' });
  });
});
