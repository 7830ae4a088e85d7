// Errors of the stop-when-caught-up routes and polls, in the console's error shape.
import type { ApiErrorCode } from '../../api/errors';
import type { CaughtUpErrorCode } from '../../api/rules/caught-up';
import { ApiHttpError, toApiHttpError, type UpstreamOperation } from '../errors';
import { DcsUpstreamError } from '../upstream/dcs-client';

/** The contract lists these codes in CAUGHT_UP_ERROR_CODES, beside API_ERROR_CODES. */
export function watchError(status: number, code: CaughtUpErrorCode, message: string): ApiHttpError {
  return new ApiHttpError(status, code as unknown as ApiErrorCode, message);
}

/** An upstream or console error as the operator reads it; anything else (a bug) is INTERNAL. */
export function asApiError(error: unknown, operation: UpstreamOperation): ApiHttpError {
  if (error instanceof ApiHttpError || error instanceof DcsUpstreamError) return toApiHttpError(error, operation);
  return new ApiHttpError(500, 'INTERNAL', 'The console failed unexpectedly.');
}
