import { ApiError } from '../../../lib/api-client';
import { isStopOutcomeUnknown, stopCloudErrorNote } from './stop-outcome';

const error = (status: number, code: string) => new ApiError({ status, code, message: code });

describe('the outcome of a failed stop', () => {
  it('is unknown when the answer was lost: the cloud may have applied it', () => {
    for (const e of [
      error(504, 'UPSTREAM_TIMEOUT'),
      error(502, 'UPSTREAM_UNREACHABLE'),
      error(502, 'UPSTREAM_BAD_RESPONSE'),
      error(500, 'INTERNAL'),
      error(0, 'NETWORK_ERROR'),
      error(0, 'CLIENT_TIMEOUT'),
      error(200, 'NETWORK_ERROR'), // the connection dropped while a success answer arrived
      error(200, 'BAD_RESPONSE'),
      error(502, 'UNEXPECTED_RESPONSE'), // a proxy's error page
      new TypeError('Failed to fetch'),
    ]) {
      expect(isStopOutcomeUnknown(e)).toBe(true);
    }
  });

  it('is known (not applied) when the console or the cloud refused it', () => {
    for (const e of [
      error(400, 'STOP_NOT_ALLOWED'),
      error(502, 'UPSTREAM_ERROR'),
      error(503, 'UPSTREAM_THROTTLED'),
      error(429, 'RATE_LIMITED'),
      error(403, 'CSRF_REJECTED'),
      error(413, 'UNEXPECTED_RESPONSE'),
    ]) {
      expect(isStopOutcomeUnknown(e)).toBe(false);
    }
  });

  it('adds a "check the task" note to a cloud error only', () => {
    expect(stopCloudErrorNote(error(502, 'UPSTREAM_ERROR'))).toMatch(/most likely not applied/);
    expect(stopCloudErrorNote(error(400, 'STOP_NOT_ALLOWED'))).toBeNull();
  });
});
