// The HTTP front: plain node:http, one handler. For DCS paths the order is the gateway's:
// count → injected fault → route exists (404) → signature (401) → project (401) → service.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DCS_ERROR } from '../dcs/errors';
import { verifyRequest, type QueryMap, type VerifyFailure } from '../dcs/signer';
import { CONTROL_PREFIX, handleControl, isLoopback, type SimulatorState } from './control';
import type { Fault } from './faults';
import { errorReply, MESSAGES, newRequestId, PROJECT_MISMATCH_CODE, TOO_LARGE_CODE, type Reply } from './replies';
import { decodePath, handleDcs, matchRoute, UNMATCHED } from './router';

const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerConfig {
  projectId: string;
  ak: string;
  sk: string;
}

const AUTH_REASONS: Record<VerifyFailure, string> = {
  missing: 'x-auth-token not found and no AK/SK signature (Authorization header missing)',
  malformed: 'invalid SDK-HMAC-SHA256 Authorization or X-Sdk-Date header',
  unknown_ak: 'AK not found',
  stale: 'verify aksk signature fail: the request time (X-Sdk-Date) is more than 15 minutes from the server time',
  bad_signature: 'verify aksk signature fail',
};

export function createSimulatorServer(config: ServerConfig, state: SimulatorState, timers: Set<NodeJS.Timeout>): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = newRequestId();
    res.setHeader('X-Request-Id', requestId);
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const search = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);

    if (rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
      if (!isLoopback(req.socket.remoteAddress)) {
        return send(res, { status: 403, body: { error: { code: 'forbidden', message: 'control API is loopback only' } } });
      }
      return send(res, handleControl(method, rawPath, body ?? Buffer.alloc(0), state));
    }

    const path = decodePath(rawPath);
    const route = path === null ? null : matchRoute(method, path);
    const template = route?.template ?? UNMATCHED;
    state.counter.count(template);

    const fault = state.faults.take(template);
    if (fault) {
      if (fault.latency_ms > 0) await sleep(fault.latency_ms, timers);
      if (fault.drop_connection) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== null) return send(res, faultReply(fault, requestId));
    }

    const fail = (status: number, code: string, message: string) => send(res, errorReply(status, code, message, requestId));
    if (body === null) return fail(413, TOO_LARGE_CODE, MESSAGES.tooLarge);
    if (!route || path === null) return fail(404, DCS_ERROR.GATEWAY_NOT_FOUND, MESSAGES.apiNotFound);

    const verdict = verifyRequest(
      { method, path, query: queryMap(search), headers: req.headers, body },
      (ak) => (ak === config.ak ? config.sk : undefined),
      new Date(state.store.now()),
    );
    if (!verdict.ok) {
      return fail(401, DCS_ERROR.GATEWAY_AUTH_FAILED, `Incorrect IAM authentication information: ${AUTH_REASONS[verdict.reason]}`);
    }
    if (route.projectId !== config.projectId) return fail(401, PROJECT_MISMATCH_CODE, MESSAGES.projectMismatch);
    return send(res, handleDcs(route, { store: state.store, requestId, query: search, body }));
  };

  return createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) send(res, errorReply(500, DCS_ERROR.INTERNAL, MESSAGES.internal, newRequestId()));
    });
  });
}

function faultReply(fault: Fault, requestId: string): Reply {
  const status = fault.status ?? 500;
  const reply = errorReply(status, fault.error_code ?? DCS_ERROR.INTERNAL, fault.error_msg ?? MESSAGES.internal, requestId);
  if (status === 429) reply.headers = { 'Retry-After': String(fault.retry_after) };
  return reply;
}

/** The decoded query as a parameter map; repeated names become arrays (as the signer expects). */
function queryMap(search: URLSearchParams): QueryMap {
  const map: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const prev = map[name];
    map[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return map;
}

/** The whole body, or null when it exceeds MAX_BODY_BYTES (the rest is drained). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  if (reply.status === 204) {
    res.writeHead(204, reply.headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}
