// The one error type of the console API client: what failed, in words and codes the UI can explain.
import type { UpstreamError } from '../../api';

/** Codes produced in the browser when the console itself could not answer in its own shape. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR', // no (complete) HTTP answer: the connection failed or dropped
  timeout: 'CLIENT_TIMEOUT', // no complete answer within REQUEST_TIMEOUT_MS
  unexpected: 'UNEXPECTED_RESPONSE', // an error answer that is not the console's JSON error shape
  badBody: 'BAD_RESPONSE', // a success answer that does not match the contract
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when there was no HTTP answer. */
  readonly status: number;
  readonly code: string;
  readonly request_id: string | null;
  readonly upstream: UpstreamError | undefined;
  readonly details: { field: string; problem: string }[] | undefined;
  /** With UNAUTHENTICATED / SIGN_IN_FAILED when the console signs people in itself: where to sign in. */
  readonly login_url: string | undefined;
  /** Seconds to wait before trying again (the Retry-After header), when the answer said. */
  readonly retryAfterSeconds: number | null;
  /** When the failure happened (ms since the epoch): retries are counted down from here. */
  readonly at: number = Date.now();

  constructor(init: {
    status: number;
    code: string;
    message: string;
    request_id?: string | null;
    upstream?: UpstreamError;
    details?: { field: string; problem: string }[];
    login_url?: string;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.request_id = init.request_id ?? null;
    this.upstream = init.upstream;
    this.details = init.details;
    this.login_url = init.login_url;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
