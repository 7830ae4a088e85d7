// How a failed DCS call is described: what kind of failure, and what the cloud or the transport said.
import { errors as undiciErrors } from 'undici';

export type UpstreamFailureKind = 'http' | 'timeout' | 'unreachable' | 'bad_response';

export class DcsUpstreamError extends Error {
  constructor(
    readonly kind: UpstreamFailureKind,
    message: string,
    readonly details: {
      status?: number;
      errorCode?: string;
      errorMsg?: string;
      requestId?: string;
      retryAfter?: string;
      /** Transport failures: the error code (ECONNREFUSED, UND_ERR_SOCKET, UND_ERR_CONNECT_TIMEOUT, ...). */
      cause?: string;
    } = {},
  ) {
    super(message);
    this.name = 'DcsUpstreamError';
  }
}

/** A transport failure (no HTTP answer): a timeout, or the cloud could not be reached. */
export function classifyTransportError(error: unknown, timeoutMs: number, connectTimeoutMs: number): DcsUpstreamError {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new DcsUpstreamError('timeout', `The DCS API could not be connected to within ${connectTimeoutMs} ms`, { cause: 'UND_ERR_CONNECT_TIMEOUT' });
  }
  const timedOut =
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError;
  if (timedOut) return new DcsUpstreamError('timeout', `The DCS API did not answer within ${timeoutMs} ms`);
  const code = err.code ?? err.cause?.code ?? 'unknown';
  return new DcsUpstreamError('unreachable', `The DCS API could not be reached (${code})`, { cause: code });
}
