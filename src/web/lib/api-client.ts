// Fetch wrapper for the console API (same origin). Success bodies are checked for the fields the
// page relies on (see response-shape.ts); every failure becomes an ApiError the UI can explain.
import type { ApiErrorBody } from '../../api';
import { translate } from '../i18n';
import { CSRF_HEADER } from '../../api/rules';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { currentCsrfToken } from './csrf-token';
import { shapeProblem, SHAPES } from './response-shape';
import { parseRetryAfter, snippet } from './response-text';

export { parseRetryAfter } from './response-text';
export { ApiError, CLIENT_ERROR_CODES, isApiError } from './api-error';

/**
 * Upper bound on one request, answer body included: well above the console's own upstream budget
 * (10 s by default, retries included), so it only fires when the console itself hangs.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Query;
}

function buildUrl(path: string, query?: Query): string {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function errorFromResponse(response: Response, text: string): ApiError {
  const headerRequestId = response.headers.get('x-request-id');
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const error = errorBody(json);
  if (error) {
    const { code, message, request_id, upstream, details, login_url } = error;
    return new ApiError({ status: response.status, code, message, request_id, upstream, details, login_url, retryAfterSeconds });
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const body = snippet(text);
  return new ApiError({
    status: response.status,
    code: CLIENT_ERROR_CODES.unexpected,
    message: body
      ? translate('errors', 'unreadableErrorWithBody', { status, body })
      : translate('errors', 'unreadableError', { status }),
    request_id: headerRequestId,
    retryAfterSeconds,
  });
}

/** The console's `{ error: { code, message, request_id, … } }`, or null when the body is not that. */
function errorBody(json: unknown): ApiErrorBody | null {
  if (shapeProblem(json, SHAPES.error) !== null) return null;
  const body = (json as { error: unknown }).error;
  return shapeProblem(body, SHAPES.errorBody) === null ? (body as ApiErrorBody) : null;
}

function bodyFromResponse<T>(response: Response, text: string, shape: Record<string, string>): T {
  const requestId = response.headers.get('x-request-id');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError({
      status: response.status,
      code: CLIENT_ERROR_CODES.badBody,
      message: translate('errors', 'notJson'),
      request_id: requestId,
    });
  }
  const problem = shapeProblem(json, shape);
  if (problem !== null) {
    throw new ApiError({
      status: response.status,
      code: CLIENT_ERROR_CODES.badBody,
      message: translate('errors', 'badShape', { problem }),
      request_id: requestId,
    });
  }
  return json as T;
}

/** No (complete) answer: the deadline passed, or the connection failed before or while the body arrived. */
function noAnswer(timedOut: boolean, response?: Response): ApiError {
  const code = timedOut ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.network;
  const seconds = REQUEST_TIMEOUT_MS / 1000;
  const status = response ? String(response.status) : '';
  let message = translate('errors', 'unreachable');
  if (timedOut) {
    message = response
      ? translate('errors', 'unfinishedAnswer', { seconds, status })
      : translate('errors', 'noAnswerInTime', { seconds });
  } else if (response) message = translate('errors', 'droppedAnswer', { status });
  return new ApiError({ status: response?.status ?? 0, code, message, request_id: response?.headers.get('x-request-id') });
}

/** Rejects once `signal` aborts: a body that stops arriving must not hold the page past the deadline. */
function untilAborted(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {}); // handled by the race; never left unhandled
  return aborted;
}

async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  shape: Record<string, string>,
  options: RequestOptions & { body?: unknown } = {},
): Promise<T> {
  // One deadline for the whole exchange, body included, so no request can spin forever.
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);

  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') headers['content-type'] = 'application/json';
  // Every state-changing request (all but GET) echoes the session's CSRF token (see csrf-token.ts).
  const csrfToken = method === 'GET' ? null : currentCsrfToken();
  if (csrfToken) headers[CSRF_HEADER] = csrfToken;

  try {
    let response: Response;
    try {
      response = await fetch(buildUrl(path, options.query), {
        method,
        headers,
        body: method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined,
        credentials: 'same-origin',
        signal: controller.signal,
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause; // cancelled by the caller: not an error to show
      throw noAnswer(timedOut);
    }
    let text: string;
    try {
      text = await Promise.race([response.text(), untilAborted(controller.signal)]);
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw noAnswer(timedOut, response);
    }
    if (!response.ok) throw errorFromResponse(response, text);
    return bodyFromResponse<T>(response, text, shape);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** `shape`: the fields of the answer the page relies on (an entry of SHAPES); T: the contract type. */
export const apiClient = {
  get: <T>(path: string, shape: Record<string, string>, options?: RequestOptions) => request<T>('GET', path, shape, options),
  post: <T>(path: string, body: unknown, shape: Record<string, string>, options?: RequestOptions) =>
    request<T>('POST', path, shape, { ...options, body }),
  delete: <T>(path: string, shape: Record<string, string>, options?: RequestOptions) => request<T>('DELETE', path, shape, options),
};
