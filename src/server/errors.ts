// Every failure becomes the console's error shape: `{ error: { code, message, request_id, upstream? } }`.
import type { ApiErrorBody, ApiErrorCode } from '../api/errors';
import { DCS_ERROR } from '../dcs/errors';
import { DcsUpstreamError } from './upstream/upstream-error';

export class ApiHttpError extends Error {
  /** For a browser navigation (Accept: text/html): the page to answer with instead of JSON. */
  htmlPage?: (requestId: string) => string;

  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Pick<ApiErrorBody, 'upstream' | 'details' | 'login_url'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiHttpError';
  }

  toBody(requestId: string): { error: ApiErrorBody } {
    return { error: { code: this.code, message: this.message, request_id: requestId, ...this.extra } };
  }
}

export type UpstreamOperation = 'list' | 'get' | 'stats' | 'logs' | 'stop' | 'batch-stop';

/** Maps a failed DCS call to what the operator should read. */
export function fromUpstreamError(error: DcsUpstreamError, operation: UpstreamOperation): ApiHttpError {
  const { status, errorCode, errorMsg, requestId, retryAfter } = error.details;
  const upstream = {
    status: status ?? 0,
    error_code: errorCode ?? null,
    error_msg: errorMsg ?? null,
    request_id: requestId ?? null,
  };
  const withUpstream = { upstream };
  if (error.kind === 'timeout') {
    const message =
      operation === 'stop'
        ? 'The cloud did not answer the stop request in time. The stop may or may not have been applied: check the task status before trying again.'
        : 'The cloud did not answer in time.';
    return new ApiHttpError(504, 'UPSTREAM_TIMEOUT', message, withUpstream);
  }
  if (error.kind === 'unreachable') {
    // The transport's code once (error.message says the same thing in other words).
    return new ApiHttpError(502, 'UPSTREAM_UNREACHABLE', `The DCS API cannot be reached (${error.details.cause ?? 'no connection'}).`, withUpstream);
  }
  if (error.kind === 'bad_response') {
    return new ApiHttpError(502, 'UPSTREAM_BAD_RESPONSE', 'The cloud answered with something that is not a valid DCS response.', withUpstream);
  }
  const taskScoped = operation !== 'list' && operation !== 'batch-stop';
  if (errorCode === DCS_ERROR.TASK_NOT_FOUND || (status === 404 && taskScoped && !errorCode?.startsWith('APIGW'))) {
    return new ApiHttpError(404, 'TASK_NOT_FOUND', 'The cloud does not know this migration task (it may have been deleted).', withUpstream);
  }
  // "Not allowed for this task" means what was asked: a stop refused, or stats a task does not have.
  if (errorCode === DCS_ERROR.STATE_NOT_ALLOWED && (operation === 'stop' || operation === 'batch-stop')) {
    return new ApiHttpError(409, 'STOP_NOT_ALLOWED', "The cloud refused the stop: the task's current status does not allow it.", withUpstream);
  }
  if (errorCode === DCS_ERROR.STATE_NOT_ALLOWED && operation === 'stats') {
    return new ApiHttpError(409, 'STATS_NOT_AVAILABLE', 'The cloud has no progress statistics for this task: only online migrations have them, backup imports do not.', withUpstream);
  }
  if (status === 401) {
    return new ApiHttpError(502, 'UPSTREAM_AUTH_FAILED', "The cloud rejected the console's credentials. An administrator must check the AK/SK or token.", withUpstream);
  }
  if (status === 403) {
    return new ApiHttpError(502, 'UPSTREAM_FORBIDDEN', "The console's cloud credentials are not allowed to do this (IAM permission missing).", withUpstream);
  }
  if (status === 429) {
    const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
    return new ApiHttpError(503, 'UPSTREAM_THROTTLED', 'The cloud is throttling requests. Wait a few seconds and try again.', withUpstream, headers);
  }
  if (status !== undefined && status >= 500) {
    return new ApiHttpError(502, 'UPSTREAM_ERROR', `The DCS API failed with HTTP ${status}.`, withUpstream);
  }
  return new ApiHttpError(502, 'UPSTREAM_REJECTED', `The DCS API refused the request with HTTP ${status ?? '?'}.`, withUpstream);
}

export function toApiHttpError(error: unknown, operation: UpstreamOperation): ApiHttpError {
  if (error instanceof ApiHttpError) return error;
  if (error instanceof DcsUpstreamError) return fromUpstreamError(error, operation);
  throw error;
}
