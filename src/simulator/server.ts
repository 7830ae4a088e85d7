// The HTTP front: plain node:http, one handler. For DCS paths the order is the gateway's:
// count → simulator down (connection reset) → injected fault → route exists (404) → signature
// (401) → project (401) → service.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DCS_ERROR } from '../dcs/errors';
import { verifyRequest, type QueryMap, type VerifyFailure } from '../dcs/signer';
import { CONTROL_PREFIX, handleControl, isLoopback, type SimulatorState } from './control';
import type { Fault } from './fault-store';
import { errorReply, MESSAGES, newRequestId, PROJECT_MISMATCH_CODE, TOO_LARGE_CODE, type Reply } from './replies';
import { readBody, send, sendTruncated } from './respond';
import { decodePath, handleDcs, matchRoute, UNMATCHED, type RouteMatch } from './router';

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

    if (rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
      const body = await readBody(req);
      if (!isLoopback(req.socket.remoteAddress)) {
        return send(res, { status: 403, body: { error: { code: 'forbidden', message: 'control API is loopback only' } } });
      }
      return send(res, handleControl(method, rawPath, body ?? Buffer.alloc(0), state));
    }

    const path = decodePath(rawPath);
    const route = path === null ? null : matchRoute(method, path);
    const template = route?.template ?? UNMATCHED;
    const answered = state.counter.count(template);
    res.once('close', answered);
    const generation = state.store.generation;
    if (state.outage.isDown()) {
      req.socket.resetAndDestroy(); // looks like a connection reset: no status line, no body
      return;
    }
    const body = await readBody(req);

    const fault = state.faults.take(template);
    if (fault?.hang) return state.hung.hold(req.socket);
    if (fault && fault.latency_ms > 0) await sleep(fault.latency_ms, timers);
    // Reset while this request waited (its body, a latency fault): it belongs to the world before
    // the reset, so it is dropped, as a hung one is, instead of stopping a task re-seeded since.
    if (fault?.drop === 'before_response' || state.store.generation !== generation) {
      req.socket.destroy();
      return;
    }
    const reply =
      fault && fault.status !== null
        ? faultReply(fault, requestId)
        : serviceReply(config, state, { method, path, route, search, headers: req.headers, body, requestId });
    return fault?.drop === 'mid_response' ? sendTruncated(res, reply) : send(res, reply);
  };

  return createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) send(res, errorReply(500, DCS_ERROR.INTERNAL, MESSAGES.internal, newRequestId()));
    });
  });
}

interface ServiceRequest {
  method: string;
  path: string | null;
  route: RouteMatch | null;
  search: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer | null;
  requestId: string;
}

/** What the gateway and the service answer when no fault interferes. */
function serviceReply(config: ServerConfig, state: SimulatorState, r: ServiceRequest): Reply {
  const fail = (status: number, code: string, message: string) => errorReply(status, code, message, r.requestId);
  if (r.body === null) return fail(413, TOO_LARGE_CODE, MESSAGES.tooLarge);
  if (!r.route || r.path === null) return fail(404, DCS_ERROR.GATEWAY_NOT_FOUND, MESSAGES.apiNotFound);
  const verdict = verifyRequest(
    { method: r.method, path: r.path, query: queryMap(r.search), headers: r.headers, body: r.body },
    (ak) => (ak === config.ak ? config.sk : undefined),
    new Date(state.store.now()),
  );
  if (!verdict.ok) {
    return fail(401, DCS_ERROR.GATEWAY_AUTH_FAILED, `Incorrect IAM authentication information: ${AUTH_REASONS[verdict.reason]}`);
  }
  if (r.route.projectId !== config.projectId) return fail(401, PROJECT_MISMATCH_CODE, MESSAGES.projectMismatch);
  return handleDcs(r.route, { store: state.store, requestId: r.requestId, query: r.search, body: r.body });
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

function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}
