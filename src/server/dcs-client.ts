// The only way the console reaches the DCS API (cloud or simulator): builds the URL, signs,
// sends with timeouts, and turns every failure into a DcsUpstreamError. Reads (GET) are retried
// within a bounded budget (retry.ts) and identical reads in flight share one call (coalesce.ts);
// writes (stop, batch stop) are sent exactly once, never retried.
import { Agent, request } from 'undici';
import { isDcsErrorBody, normaliseErrorCode } from '../dcs/errors';
import { dcsPaths } from '../dcs/paths';
import { canonicalQuery, signRequest, type QueryMap } from '../dcs/signer';
import type {
  DcsBatchStopResponse,
  DcsListMigrationLogsResponse,
  DcsListMigrationTasksResponse,
  DcsMigrationTask,
  DcsMigrationTaskStats,
} from '../dcs/types';
import { Coalescer } from './coalesce';
import type { UpstreamAuth } from './config';
import { retryPolicy, withRetries, type RetryPolicy } from './retry';
import { classifyTransportError, DcsUpstreamError } from './upstream-error';

export { DcsUpstreamError, type UpstreamFailureKind } from './upstream-error';

const UNDICI_TIMER_SLACK_MS = 1000;

export interface DcsClientOptions {
  endpoint: URL;
  projectId: string;
  auth: UpstreamAuth;
  connectTimeoutMs: number;
  /** One attempt, from sending to the last byte of the answer. */
  timeoutMs: number;
  /** Retries of reads (attempts, budget, backoff); defaults in retry.ts. */
  retry?: Partial<RetryPolicy>;
}

/** Filled in by a call that succeeds: the cloud's request id of the exchange (for the audit trail). */
export interface UpstreamExchange {
  requestId?: string;
}

export interface ListParams {
  offset: number;
  limit: number;
  name?: string;
}

export class DcsClient {
  private readonly agent: Agent;
  private readonly retry: RetryPolicy;
  private readonly reads = new Coalescer();

  constructor(private readonly options: DcsClientOptions) {
    this.retry = retryPolicy(options.timeoutMs, options.retry);
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      keepAliveTimeout: 10_000,
      connections: 64,
    });
  }

  get projectId(): string {
    return this.options.projectId;
  }

  listMigrationTasks(params: ListParams): Promise<DcsListMigrationTasksResponse> {
    const query: QueryMap = { offset: params.offset, limit: params.limit };
    if (params.name) query.name = params.name;
    return this.read(dcsPaths.listMigrationTasks(this.projectId), query);
  }

  showMigrationTask(taskId: string): Promise<DcsMigrationTask> {
    return this.read(dcsPaths.showMigrationTask(this.projectId, taskId));
  }

  showMigrationTaskStats(taskId: string): Promise<DcsMigrationTaskStats> {
    return this.read(dcsPaths.migrationTaskStats(this.projectId, taskId));
  }

  listMigrationTaskLogs(taskId: string, params: { offset: number; limit: number; level?: string }): Promise<DcsListMigrationLogsResponse> {
    const query: QueryMap = { offset: params.offset, limit: params.limit };
    if (params.level) query.log_level = params.level;
    return this.read(dcsPaths.migrationTaskLogs(this.projectId, taskId), query);
  }

  stopMigrationTask(taskId: string, exchange?: UpstreamExchange): Promise<DcsMigrationTask> {
    return this.write(dcsPaths.stopMigrationTask(this.projectId, taskId), undefined, exchange);
  }

  batchStopMigrationTasks(taskIds: string[], exchange?: UpstreamExchange): Promise<DcsBatchStopResponse> {
    return this.write(dcsPaths.batchStopMigrationTasks(this.projectId), { migration_tasks: taskIds }, exchange);
  }

  /** Readiness: one cheap read (a list of one task), one attempt of at most `maxMs`, not shared with other reads. */
  async probe(maxMs: number): Promise<void> {
    const timeoutMs = Math.min(maxMs, this.options.timeoutMs);
    await this.send('GET', dcsPaths.listMigrationTasks(this.projectId), { offset: 0, limit: 1 }, undefined, timeoutMs);
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** A read: shared with identical reads in flight, retried when that is safe and time is left. */
  private read<T>(path: string, query: QueryMap = {}): Promise<T> {
    const key = `GET ${path}?${canonicalQuery(query)}`;
    return this.reads.run(key, () => withRetries(this.retry, this.options.timeoutMs, (timeoutMs) => this.send<T>('GET', path, query, undefined, timeoutMs)));
  }

  /** A write: sent once. Reads asked for from now on do not join reads that began before it. */
  private async write<T>(path: string, body: unknown, exchange?: UpstreamExchange): Promise<T> {
    this.reads.forgetAll();
    try {
      return await this.send<T>('POST', path, {}, body, this.options.timeoutMs, exchange);
    } finally {
      this.reads.forgetAll();
    }
  }

  private async send<T>(method: 'GET' | 'POST', path: string, query: QueryMap, body: unknown, timeoutMs: number, exchange?: UpstreamExchange): Promise<T> {
    const { endpoint, projectId, auth } = this.options;
    const payload = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-project-id': projectId };
    if (auth.kind === 'aksk') {
      if (auth.securityToken) headers['x-security-token'] = auth.securityToken;
      Object.assign(headers, signRequest({ method, path, query, headers, host: endpoint.host, body: payload }, auth));
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
        dispatcher: this.agent,
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
      throw classifyTransportError(error, timeoutMs, this.options.connectTimeoutMs);
    }
    const json = parseJson(text);
    if (status >= 200 && status < 300) {
      if (json === undefined || typeof json !== 'object' || json === null) {
        throw new DcsUpstreamError('bad_response', `The DCS API answered ${status} without a JSON object`, { status, requestId });
      }
      if (exchange) exchange.requestId = requestId;
      return json as T;
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
