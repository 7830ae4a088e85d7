// Response values and the DCS / API-gateway error bodies (README §6).
import { randomBytes } from 'node:crypto';
import type { DcsErrorBody } from '../dcs/errors';
import { DCS_ERROR } from '../dcs/errors';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

export function isGatewayCode(code: string): boolean {
  return code.startsWith('APIGW.') || code.startsWith('APIG.');
}

/**
 * An error with the body shape of whoever raises that code: the gateway (APIGW.*) answers
 * `{error_code, error_msg, request_id}`, the service `{error_code, error_msg, error_ext_msg}`.
 */
export function errorReply(status: number, code: string, message: string, requestId: string): Reply {
  const body: DcsErrorBody = isGatewayCode(code)
    ? { error_code: code, error_msg: message, request_id: requestId }
    : { error_code: code, error_msg: message, error_ext_msg: null };
  return { status, body };
}

export const MESSAGES = {
  taskNotFound: 'The migration task does not exist.',
  notAllowed: 'The operation is not allowed in the current state of the task.',
  statsOnlineOnly: 'The operation is not allowed in the current state of the task: statistics are only available for online migration tasks.',
  invalidTaskId: 'Invalid task ID format.',
  emptyBody: 'The request body is empty.',
  invalidJson: 'The request body is not valid JSON.',
  projectMismatch: 'The project ID in the URL does not match the project of the credentials.',
  apiNotFound: 'The API does not exist or has not been published in the environment.',
  tooLarge: 'Request entity too large.',
  internal: 'Internal service error.',
} as const;

export const PROJECT_MISMATCH_CODE = 'DCS.1004';
export const TOO_LARGE_CODE = 'APIGW.0201';

/** Default code and message for an injected fault of a given HTTP status. */
export function defaultFaultError(status: number): { code: string; message: string } {
  switch (status) {
    case 401:
      return { code: DCS_ERROR.GATEWAY_AUTH_FAILED, message: 'Incorrect IAM authentication information: verify aksk signature fail' };
    case 403:
      return { code: DCS_ERROR.NO_PERMISSION, message: 'Role has no permission to perform this operation.' };
    case 404:
      return { code: DCS_ERROR.GATEWAY_NOT_FOUND, message: MESSAGES.apiNotFound };
    case 429:
      return {
        code: DCS_ERROR.GATEWAY_THROTTLED,
        message: 'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 second',
      };
    default:
      return status >= 500
        ? { code: DCS_ERROR.INTERNAL, message: MESSAGES.internal }
        : { code: DCS_ERROR.INVALID_PARAM, message: 'Invalid request.' };
  }
}
