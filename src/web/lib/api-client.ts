// Fetch wrapper for the console API (same origin). Success bodies are validated with the
// contract's zod schemas; every failure becomes an ApiError the UI can explain.
import type { z } from 'zod';
import { apiErrorResponseSchema, CSRF_HEADER, type UpstreamError } from '../../api';

/** Codes produced in the browser when the console itself could not answer in its own shape. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR', // the request never got an HTTP answer
  timeout: 'CLIENT_TIMEOUT', // no answer within REQUEST_TIMEOUT_MS
  unexpected: 'UNEXPECTED_RESPONSE', // an error answer that is not the console's JSON error shape
  badBody: 'BAD_RESPONSE', // a success answer that does not match the contract
} as const;

export const REQUEST_TIMEOUT_MS = 60_000;

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

type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Query;
  csrfToken?: string;
}

function buildUrl(path: string, query?: Query): string {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Reduce an HTML or text body to a short readable snippet. */
function snippet(text: string): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 160 ? `${plain.slice(0, 160)}…` : plain;
}

/** Retry-After as whole seconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return null; // an HTTP date: "Thu, 20 Nov 2025 08:00:45 GMT"
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('x-request-id');
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = apiErrorResponseSchema.safeParse(json);
  if (parsed.success) {
    const { code, message, request_id, upstream, details, login_url } = parsed.data.error;
    return new ApiError({ status: response.status, code, message, request_id, upstream, details, login_url, retryAfterSeconds });
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  const body = snippet(text);
  return new ApiError({
    status: response.status,
    code: CLIENT_ERROR_CODES.unexpected,
    message: `The console answered HTTP ${response.status}${statusText} without a readable error${body ? `: "${body}"` : '.'}`,
    request_id: headerRequestId,
    retryAfterSeconds,
  });
}

async function request<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  options: RequestOptions & { body?: unknown } = {},
): Promise<z.infer<S>> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);

  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    if (options.csrfToken) headers[CSRF_HEADER] = options.csrfToken;
  }

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
    throw new ApiError(
      timedOut
        ? { status: 0, code: CLIENT_ERROR_CODES.timeout, message: `The console did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.` }
        : { status: 0, code: CLIENT_ERROR_CODES.network, message: 'The console could not be reached. Check your connection and retry.' },
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  if (!response.ok) throw await errorFromResponse(response);

  const requestId = response.headers.get('x-request-id');
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError({
      status: response.status,
      code: CLIENT_ERROR_CODES.badBody,
      message: 'The console answered with a body that is not JSON.',
      request_id: requestId,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? ` (${first.path.join('.') || 'body'}: ${first.message})` : '';
    throw new ApiError({
      status: response.status,
      code: CLIENT_ERROR_CODES.badBody,
      message: `The console answered in a shape this page does not understand${where}.`,
      request_id: requestId,
    });
  }
  return parsed.data;
}

export const apiClient = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('GET', path, schema, options),
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S, options?: RequestOptions) =>
    request('POST', path, schema, { ...options, body }),
};
