// Whole-simulator outages and hung requests: the parts of fault injection that hold on to sockets.
import type { Socket } from 'node:net';
import { MAX_WINDOW_MS } from './faults';

/** POST /__simulator/down and /up: while down, every DCS request's socket is reset at once. */
export class DownSwitch {
  private down = false;
  /** End of a timed outage (simulator clock); null = until POST /up. */
  private untilMs: number | null = null;

  constructor(private readonly now: () => number) {}

  setDown(forMs: number | null): void {
    this.down = true;
    this.untilMs = forMs === null ? null : this.now() + forMs;
  }

  setUp(): void {
    this.down = false;
    this.untilMs = null;
  }

  isDown(): boolean {
    if (this.down && this.untilMs !== null && this.now() >= this.untilMs) this.setUp();
    return this.down;
  }

  status(): { down: boolean; down_until: string | null } {
    const down = this.isDown();
    return { down, down_until: down && this.untilMs !== null ? new Date(this.untilMs).toISOString() : null };
  }
}

/** Validates a POST /__simulator/down body (empty, `{}` or `{ "for_ms": n }`); for_ms or a problem. */
export function parseDown(body: Buffer): { forMs: number | null } | string {
  const text = body.toString('utf8').trim();
  if (text === '') return { forMs: null };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return 'body must be a JSON object';
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'body must be a JSON object';
  const unknown = Object.keys(input).filter((k) => k !== 'for_ms');
  if (unknown.length) return `unknown field(s): ${unknown.join(', ')}`;
  const forMs = (input as { for_ms?: unknown }).for_ms;
  if (forMs === undefined || forMs === null) return { forMs: null };
  if (typeof forMs !== 'number' || !Number.isInteger(forMs) || forMs < 1 || forMs > MAX_WINDOW_MS) {
    return `for_ms must be an integer from 1 to ${MAX_WINDOW_MS}`;
  }
  return { forMs };
}

/** Sockets of requests that a `hang` fault never answers; destroyed on clear or close. */
export class HungRequests {
  private readonly sockets = new Set<Socket>();

  hold(socket: Socket): void {
    if (socket.destroyed) return;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Destroys every held socket; returns how many there were. */
  release(): number {
    const n = this.sockets.size;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return n;
  }
}
