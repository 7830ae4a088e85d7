// Test helper: a minimal signed DCS client for the simulator, signing like the official Node SDK
// (content-type, host, x-project-id, x-sdk-date). Used by the simulator's own tests only.
import { encodeRfc3986, signRequest } from '../dcs/signer';
import type { DcsListMigrationTasksResponse, DcsMigrationTaskListItem } from '../dcs/types';
import type { RunningSimulator } from './index';

export interface CallOptions {
  query?: Record<string, string | number>;
  body?: string;
  /** Sign with this date instead of the client's clock. */
  date?: Date;
  ak?: string;
  sk?: string;
  /** Project id in the path (default: the simulator's). */
  projectId?: string;
  /** Send no Authorization / X-Sdk-Date at all. */
  unsigned?: boolean;
  /** Change the request after signing (to prove the signature covers it). */
  tamper?: { query?: Record<string, string | number>; body?: string };
  /** Abort the request (e.g. AbortSignal.timeout for a request that may hang). */
  signal?: AbortSignal;
}

/** Default body type: fields are unknown until a test narrows them with a wire type. */
export type Loose = Record<string, unknown>;

export interface CallResult<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

function queryString(query: Record<string, string | number> | undefined): string {
  const pairs = Object.entries(query ?? {}).map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(String(v))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

export function dcsClient(sim: RunningSimulator, clock: () => number = Date.now) {
  /** The signed request, answered with the raw Response (body not read). */
  function send(method: string, subPath: string, options: CallOptions = {}): Promise<Response> {
    const path = `/v2/${options.projectId ?? sim.projectId}${subPath}`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Project-Id': sim.projectId };
    if (!options.unsigned) {
      const signed = signRequest(
        {
          method,
          path: path.split('/').map(decodeURIComponent).join('/'), // sign the unescaped path, send it escaped
          query: options.query,
          headers: { 'content-type': 'application/json', 'x-project-id': sim.projectId },
          host: new URL(sim.url).host, // what fetch sends as Host
          body: options.body ?? '',
        },
        { ak: options.ak ?? sim.ak, sk: options.sk ?? sim.sk },
        options.date ?? new Date(clock()),
      );
      headers['X-Sdk-Date'] = signed['X-Sdk-Date'];
      headers.Authorization = signed.Authorization;
    }
    const query = options.tamper?.query ?? options.query;
    const body = options.tamper?.body ?? options.body;
    return fetch(`${sim.url}${path}${queryString(query)}`, { method, headers, body, signal: options.signal });
  }
  async function call<T = Loose>(method: string, subPath: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const res = await send(method, subPath, options);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }
  /** All tasks via the list endpoint (newest first). */
  async function allTasks(): Promise<DcsMigrationTaskListItem[]> {
    const res = await call<DcsListMigrationTasksResponse>('GET', '/migration-tasks', { query: { limit: 1000 } });
    return res.body.migration_tasks ?? [];
  }
  /** The first listed task with this status (and optional migration type). */
  async function taskWith(status: string, type?: string): Promise<DcsMigrationTaskListItem> {
    const task = (await allTasks()).find((t) => t.status === status && (!type || t.migration_type === type));
    if (!task) throw new Error(`no seeded task with status ${status}`);
    return task;
  }
  return {
    call,
    send,
    allTasks,
    taskWith,
    get: <T = Loose>(subPath: string, options?: CallOptions) => call<T>('GET', subPath, options),
    post: <T = Loose>(subPath: string, options?: CallOptions) => call<T>('POST', subPath, options),
    /** DELETE, usually with a JSON body (which the signature covers). */
    del: <T = Loose>(subPath: string, options?: CallOptions) => call<T>('DELETE', subPath, options),
  };
}

/** Unsigned call to the control API. */
export async function control<T = Loose>(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<CallResult<T>> {
  const res = await fetch(`${sim.url}/__simulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
