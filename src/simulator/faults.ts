// Fault injection for the DCS routes: latency, error answers, throttling, dropped connections.
import { defaultFaultError } from './replies';
import { ROUTE_TEMPLATES } from './router';

export interface Fault {
  id: number;
  /** Route template, or null for every DCS request. */
  route: string | null;
  /** HTTP status of the error answer; null = no error (latency only, or drop). */
  status: number | null;
  error_code: string | null;
  error_msg: string | null;
  latency_ms: number;
  /** Matching requests left; null = until cleared. */
  remaining: number | null;
  drop_connection: boolean;
  /** Seconds in Retry-After on a 429. */
  retry_after: number;
}

export type FaultSpec = Omit<Fault, 'id'>;

const MAX_LATENCY_MS = 120_000;

/** Validates a POST /__simulator/faults body; returns the spec or a one-line problem. */
export function parseFault(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'body must be a JSON object';
  const b = input as Record<string, unknown>;
  const known = ['route', 'status', 'error_code', 'error_msg', 'latency_ms', 'times', 'drop_connection', 'retry_after'];
  const unknown = Object.keys(b).filter((k) => !known.includes(k));
  if (unknown.length) return `unknown field(s): ${unknown.join(', ')}`;
  if (b.route !== undefined && (typeof b.route !== 'string' || !ROUTE_TEMPLATES.includes(b.route))) {
    return `route must be one of: ${ROUTE_TEMPLATES.join(' | ')}`;
  }
  if (b.status !== undefined && !isInt(b.status, 400, 599)) return 'status must be an integer from 400 to 599';
  if (b.latency_ms !== undefined && !isInt(b.latency_ms, 0, MAX_LATENCY_MS)) return `latency_ms must be an integer from 0 to ${MAX_LATENCY_MS}`;
  if (b.times !== undefined && !isInt(b.times, 1, 1_000_000)) return 'times must be a positive integer';
  if (b.retry_after !== undefined && !isInt(b.retry_after, 0, 3600)) return 'retry_after must be an integer from 0 to 3600';
  if (b.drop_connection !== undefined && typeof b.drop_connection !== 'boolean') return 'drop_connection must be a boolean';
  for (const k of ['error_code', 'error_msg'] as const) {
    if (b[k] !== undefined && (typeof b[k] !== 'string' || b[k] === '')) return `${k} must be a non-empty string`;
  }
  const status = (b.status as number | undefined) ?? null;
  const latency = (b.latency_ms as number | undefined) ?? 0;
  const drop = b.drop_connection === true;
  if (status === null && latency === 0 && !drop) return 'a fault needs status, latency_ms or drop_connection';
  if (status === null && (b.error_code !== undefined || b.error_msg !== undefined)) return 'error_code/error_msg need a status';
  const defaults = status === null ? null : defaultFaultError(status);
  return {
    route: (b.route as string | undefined) ?? null,
    status,
    error_code: (b.error_code as string | undefined) ?? defaults?.code ?? null,
    error_msg: (b.error_msg as string | undefined) ?? defaults?.message ?? null,
    latency_ms: latency,
    remaining: (b.times as number | undefined) ?? null,
    drop_connection: drop,
    retry_after: (b.retry_after as number | undefined) ?? 1,
  };
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault = { id: this.nextId++, ...spec };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The newest fault matching this request (route template or UNMATCHED), consuming one use. */
  take(template: string): Fault | undefined {
    for (let i = this.faults.length - 1; i >= 0; i--) {
      const fault = this.faults[i]!;
      if (fault.route !== null && fault.route !== template) continue;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults.splice(i, 1);
      }
      return { ...fault };
    }
    return undefined;
  }
}
