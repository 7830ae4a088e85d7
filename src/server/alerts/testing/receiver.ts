// A real webhook receiver for tests (server tests and e2e): a node:http server on 127.0.0.1 that
// records every request and answers as told, and the checks a receiving service makes of each
// format's signature, written from the services' documentation, not from the console's code.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedAlert {
  method: string;
  /** Path and query as received (DingTalk's signature is in the query). */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed, or null when it is not JSON. */
  json: unknown;
}

/** How the receiver answers one request: a status and JSON body, no answer at all, or a dropped connection. */
export type ReceiverAnswer = { status: number; body?: unknown } | 'hang' | 'drop';

export interface AlertReceiver {
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  url: string;
  /** Every request so far, in order of arrival. */
  received: ReceivedAlert[];
  /** Answers for the next requests, in order; after them, `defaultAnswer`. */
  answerNext(...answers: ReceiverAnswer[]): void;
  /** Resolves once `count` requests in all have arrived; rejects after `timeoutMs` (default 10 s) saying how many did. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedAlert[]>;
  close(): Promise<void>;
}

/** 200 with a body every service's success check accepts (Feishu's code, DingTalk's and WeCom's errcode). */
export const OK_ANSWER: ReceiverAnswer = { status: 200, body: { code: 0, msg: 'success', errcode: 0, errmsg: 'ok' } };

export async function startAlertReceiver(options: { defaultAnswer?: ReceiverAnswer } = {}): Promise<AlertReceiver> {
  const received: ReceivedAlert[] = [];
  const queued: ReceiverAnswer[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body, json: parseJson(body) });
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const answer = queued.shift() ?? options.defaultAnswer ?? OK_ANSWER;
      if (answer === 'hang') held.add(response);
      else if (answer === 'drop') request.socket.destroy();
      else response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerNext: (...answers) => void queued.push(...answers),
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received.slice(0, count));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the receiver got ${received.length} of ${count} requests within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(received.slice(0, count))) });
      });
    },
    async close() {
      for (const response of held) response.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The json format's `X-DCS-Console-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`,
 * checked as a receiver should: over the raw body, in constant time, and (given `nowMs`) not older
 * than `toleranceS` seconds.
 */
export function verifyJsonSignature(alert: ReceivedAlert, secret: string, check: { nowMs?: number; toleranceS?: number } = {}): boolean {
  const header = alert.headers['x-dcs-console-signature'];
  const parts = new Map(String(header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (check.nowMs !== undefined && Math.abs(check.nowMs / 1000 - t) > (check.toleranceS ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${alert.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** Feishu: sign = base64(HMAC-SHA256 keyed with `timestamp + "\n" + secret`, over nothing), timestamp in seconds. */
export function verifyFeishuSignature(alert: ReceivedAlert, secret: string): boolean {
  const body = alert.json as { timestamp?: unknown; sign?: unknown } | null;
  if (typeof body?.timestamp !== 'string' || typeof body.sign !== 'string') return false;
  return createHmac('sha256', `${body.timestamp}\n${secret}`).digest('base64') === body.sign;
}

/** DingTalk: `timestamp` (ms) and `sign` = base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)) in the query. */
export function verifyDingtalkSignature(alert: ReceivedAlert, secret: string): boolean {
  const query = new URL(alert.path, 'http://receiver').searchParams;
  const timestamp = query.get('timestamp');
  const sign = query.get('sign');
  if (!timestamp || !sign) return false;
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64') === sign;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}
