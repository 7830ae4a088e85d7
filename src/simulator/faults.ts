// Fault specs for the DCS routes: latency, error answers, throttling, dropped connections, hung
// requests; each limited by a use count, a time window and/or a probability. The store that
// applies them is fault-store.ts.
import { defaultFaultError } from './replies';
import { ROUTE_TEMPLATES } from './router';

/** before_response: close without a byte; mid_response: status line, headers, half the body, close. */
export type DropMode = 'before_response' | 'mid_response';

export interface FaultSpec {
  /** Route template, or null for every DCS request (unmatched paths included). */
  route: string | null;
  /** HTTP status of the error answer; null = the normal answer (after latency, or dropped). */
  status: number | null;
  error_code: string | null;
  error_msg: string | null;
  latency_ms: number;
  drop: DropMode | null;
  /** Never answer: the socket stays open until DELETE /faults, POST /reset or close(). */
  hang: boolean;
  /** Chance in [0, 1] that a matching request is hit (seeded per simulator). */
  probability: number;
  /** Seconds in Retry-After on a 429. */
  retry_after: number;
  /** Hits left; null = unlimited. */
  times: number | null;
  /** Active for this long from when it was added (simulator clock); null = until cleared. */
  for_ms: number | null;
}

const MAX_LATENCY_MS = 120_000;
export const MAX_WINDOW_MS = 24 * 60 * 60 * 1000;
const KNOWN = [
  'route', 'status', 'error_code', 'error_msg', 'latency_ms', 'times', 'for_ms',
  'drop_connection', 'drop', 'hang', 'probability', 'retry_after',
];

/** Validates a POST /__simulator/faults body; returns the spec or a one-line problem. */
export function parseFault(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'body must be a JSON object';
  const b = input as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !KNOWN.includes(k));
  if (unknown.length) return `unknown field(s): ${unknown.join(', ')}`;
  if (b.route !== undefined && b.route !== null && (typeof b.route !== 'string' || !ROUTE_TEMPLATES.includes(b.route))) {
    return `route must be one of: ${ROUTE_TEMPLATES.join(' | ')}`;
  }
  if (b.status !== undefined && !isInt(b.status, 400, 599)) return 'status must be an integer from 400 to 599';
  if (b.latency_ms !== undefined && !isInt(b.latency_ms, 0, MAX_LATENCY_MS)) return `latency_ms must be an integer from 0 to ${MAX_LATENCY_MS}`;
  if (b.times !== undefined && !isInt(b.times, 1, 1_000_000)) return 'times must be a positive integer';
  if (b.for_ms !== undefined && !isInt(b.for_ms, 1, MAX_WINDOW_MS)) return `for_ms must be an integer from 1 to ${MAX_WINDOW_MS}`;
  if (b.retry_after !== undefined && !isInt(b.retry_after, 0, 3600)) return 'retry_after must be an integer from 0 to 3600';
  if (b.probability !== undefined && !(typeof b.probability === 'number' && b.probability >= 0 && b.probability <= 1)) {
    return 'probability must be a number from 0 to 1';
  }
  if (b.drop_connection !== undefined && typeof b.drop_connection !== 'boolean') return 'drop_connection must be a boolean';
  if (b.drop !== undefined && b.drop !== 'before_response' && b.drop !== 'mid_response') return 'drop must be "before_response" or "mid_response"';
  if (b.drop !== undefined && b.drop_connection !== undefined) return 'give drop or drop_connection, not both';
  if (b.hang !== undefined && typeof b.hang !== 'boolean') return 'hang must be a boolean';
  for (const k of ['error_code', 'error_msg'] as const) {
    if (b[k] !== undefined && (typeof b[k] !== 'string' || b[k] === '')) return `${k} must be a non-empty string`;
  }

  const status = (b.status as number | undefined) ?? null;
  const latency = (b.latency_ms as number | undefined) ?? 0;
  const drop = (b.drop as DropMode | undefined) ?? (b.drop_connection === true ? 'mid_response' : null);
  const hang = b.hang === true;
  if (status === null && latency === 0 && drop === null && !hang) return 'a fault needs status, latency_ms, drop, drop_connection or hang';
  if (status === null && (b.error_code !== undefined || b.error_msg !== undefined)) return 'error_code/error_msg need a status';
  if (hang && (status !== null || drop !== null || latency > 0)) return 'hang never answers: it cannot be combined with status, latency_ms or drop';
  if (drop === 'before_response' && status !== null) return 'drop "before_response" sends nothing: it cannot be combined with status';
  const defaults = status === null ? null : defaultFaultError(status);
  return {
    route: (b.route as string | null | undefined) ?? null,
    status,
    error_code: (b.error_code as string | undefined) ?? defaults?.code ?? null,
    error_msg: (b.error_msg as string | undefined) ?? defaults?.message ?? null,
    latency_ms: latency,
    drop,
    hang,
    probability: (b.probability as number | undefined) ?? 1,
    retry_after: (b.retry_after as number | undefined) ?? 1,
    times: (b.times as number | undefined) ?? null,
    for_ms: (b.for_ms as number | undefined) ?? null,
  };
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
