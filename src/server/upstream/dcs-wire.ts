// One signed HTTP exchange with the DCS API: builds the URL, signs (AK/SK) or adds the IAM token,
// sends with a timeout, and turns every failure into a DcsUpstreamError. No retries, no cache:
// dcs-client.ts decides those.
import { request, type Agent } from 'undici';
import type { Clock } from '../../dcs/clock';
import { isDcsErrorBody, normaliseErrorCode } from '../../dcs/errors';
import { canonicalQuery, signRequest, type QueryMap } from '../../dcs/signer';
import type { UpstreamAuth } from '../config/parse';
import type { Loaded } from './cached-reads';
import { containsKnownSecret, scrubUpstreamJson, textScrubber, type TextScrubber } from './redact';
import { classifyTransportError, DcsUpstreamError } from './upstream-error';

const UNDICI_TIMER_SLACK_MS = 1000;

export interface Upstream {
  endpoint: URL;
  projectId: string;
  auth: UpstreamAuth;
  connectTimeoutMs: number;
  /** Dates each signature. */
  clock: Clock;
  /** Scrubs the cloud's free text (upstreamScrubber); every answer passes through it here, once. */
  scrub: UpstreamScrubber;
}

export interface UpstreamScrubber {
  text: TextScrubber;
  /** The console's own credentials: removed from anything the cloud returns. */
  secrets: readonly string[];
}

/** The scrubber of a target's answers: secret-looking text, and this target's own AK, SK and tokens. */
export function upstreamScrubber(auth: UpstreamAuth): UpstreamScrubber {
  const secrets = (auth.kind === 'aksk' ? [auth.ak, auth.sk, auth.securityToken] : [auth.token]).filter((s): s is string => !!s);
  return { text: textScrubber(secrets), secrets };
}

/** Filled in by a call that succeeds: the cloud's request id of the exchange (for the audit trail). */
export interface UpstreamExchange {
  requestId?: string;
}

export interface Send {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: QueryMap;
  body?: unknown;
  timeoutMs: number;
  exchange?: UpstreamExchange;
}

/** One attempt; the answer's JSON and its size. */
export async function sendSigned<T>(agent: Agent, upstream: Upstream, { method, path, query = {}, body, timeoutMs, exchange }: Send): Promise<Loaded<T>> {
  const { endpoint, projectId, auth } = upstream;
  const payload = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-project-id': projectId };
  if (auth.kind === 'aksk') {
    if (auth.securityToken) headers['x-security-token'] = auth.securityToken;
    Object.assign(headers, signRequest({ method, path, query, headers, host: endpoint.host, body: payload }, auth, new Date(upstream.clock())));
  } else {
    headers['x-auth-token'] = auth.token;
  }
  const qs = canonicalQuery(query);
  const url = `${endpoint.origin}${path}${qs ? `?${qs}` : ''}`;

  let status: number;
  let text: string;
  let requestId: string | undefined;
  let retryAfter: string | undefined;
  try {
    const res = await request(url, {
      method,
      headers,
      body: payload || undefined,
      dispatcher: agent,
      // The signal is the limit. undici's own timers tick every ~0.5 s and may fire that much
      // early, so they only back it up.
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs + UNDICI_TIMER_SLACK_MS,
      bodyTimeout: timeoutMs + UNDICI_TIMER_SLACK_MS,
    });
    status = res.statusCode;
    requestId = headerString(res.headers['x-request-id']);
    retryAfter = headerString(res.headers['retry-after']);
    text = await res.body.text();
  } catch (error) {
    throw classifyTransportError(error, timeoutMs, upstream.connectTimeoutMs);
  }
  const json = parseJson(text);
  // The cloud's messages may quote secrets (redact.ts): scrubbed before anything can forward or log them.
  scrubUpstreamJson(json, upstream.scrub.text, containsKnownSecret(text, upstream.scrub.secrets));
  if (status >= 200 && status < 300) {
    if (json === undefined || typeof json !== 'object' || json === null) {
      throw new DcsUpstreamError('bad_response', `The DCS API answered ${status} without a JSON object`, { status, requestId });
    }
    if (exchange) exchange.requestId = requestId;
    return { json: json as T, bytes: text.length };
  }
  const dcsError = isDcsErrorBody(json) ? json : undefined;
  throw new DcsUpstreamError('http', `The DCS API answered ${status}`, {
    status,
    errorCode: dcsError ? normaliseErrorCode(dcsError.error_code) : undefined,
    errorMsg: dcsError?.error_msg,
    requestId: requestId ?? dcsError?.request_id,
    retryAfter,
  });
}

/** An attempt's outcome as a metric label: `ok`, `http_4xx`, `http_5xx`, `timeout`, `unreachable`, `bad_response`. */
export function outcomeLabel(error: unknown): string {
  if (!(error instanceof DcsUpstreamError)) return 'error';
  return error.kind === 'http' ? `http_${Math.floor((error.details.status ?? 0) / 100)}xx` : error.kind;
}

function headerString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
