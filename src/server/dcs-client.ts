// The only way the console reaches the DCS API (cloud or simulator): builds the URL, signs,
// sends with timeouts, and turns every failure into a DcsUpstreamError.
import { Agent, request, errors as undiciErrors } from 'undici';
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
import type { UpstreamAuth } from './config';

export interface DcsClientOptions {
  endpoint: URL;
  projectId: string;
  auth: UpstreamAuth;
  connectTimeoutMs: number;
  timeoutMs: number;
}

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
    } = {},
  ) {
    super(message);
    this.name = 'DcsUpstreamError';
  }
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

  constructor(private readonly options: DcsClientOptions) {
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
    return this.call('GET', dcsPaths.listMigrationTasks(this.projectId), query);
  }

  showMigrationTask(taskId: string): Promise<DcsMigrationTask> {
    return this.call('GET', dcsPaths.showMigrationTask(this.projectId, taskId));
  }

  showMigrationTaskStats(taskId: string): Promise<DcsMigrationTaskStats> {
    return this.call('GET', dcsPaths.migrationTaskStats(this.projectId, taskId));
  }

  listMigrationTaskLogs(taskId: string, params: { offset: number; limit: number; level?: string }): Promise<DcsListMigrationLogsResponse> {
    const query: QueryMap = { offset: params.offset, limit: params.limit };
    if (params.level) query.log_level = params.level;
    return this.call('GET', dcsPaths.migrationTaskLogs(this.projectId, taskId), query);
  }

  stopMigrationTask(taskId: string, exchange?: UpstreamExchange): Promise<DcsMigrationTask> {
    return this.call('POST', dcsPaths.stopMigrationTask(this.projectId, taskId), {}, undefined, exchange);
  }

  batchStopMigrationTasks(taskIds: string[], exchange?: UpstreamExchange): Promise<DcsBatchStopResponse> {
    return this.call('POST', dcsPaths.batchStopMigrationTasks(this.projectId), {}, { migration_tasks: taskIds }, exchange);
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async call<T>(method: 'GET' | 'POST', path: string, query: QueryMap = {}, body?: unknown, exchange?: UpstreamExchange): Promise<T> {
    const { endpoint, projectId, auth, timeoutMs } = this.options;
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
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.statusCode;
      requestId = headerString(res.headers['x-request-id']);
      retryAfter = headerString(res.headers['retry-after']);
      text = await res.body.text();
    } catch (error) {
      throw classifyTransportError(error, timeoutMs);
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

function classifyTransportError(error: unknown, timeoutMs: number): DcsUpstreamError {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const timedOut =
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError;
  if (timedOut) return new DcsUpstreamError('timeout', `The DCS API did not answer within ${timeoutMs} ms`);
  const code = err.code ?? err.cause?.code ?? 'unknown';
  return new DcsUpstreamError('unreachable', `The DCS API could not be reached (${code})`);
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
