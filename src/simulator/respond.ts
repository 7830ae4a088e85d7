// Writing replies to node:http responses: whole, or cut off mid-response for a drop fault.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './replies';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The whole body, or null when it exceeds MAX_BODY_BYTES (the rest is drained). */
export function readBody(req: IncomingMessage): Promise<Buffer | null> {
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

function payloadOf(reply: Reply): Buffer {
  return reply.status === 204 ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body), 'utf8');
}

function headersOf(reply: Reply, payload: Buffer): Record<string, string | number> {
  return { ...reply.headers, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': payload.length };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  if (reply.status === 204) {
    res.writeHead(204, reply.headers);
    res.end();
    return;
  }
  const payload = payloadOf(reply);
  res.writeHead(reply.status, headersOf(reply, payload));
  res.end(payload);
}

/**
 * A connection lost mid-response: the status line, the headers (with the full Content-Length)
 * and the first half of the body reach the client, then the socket closes. A reply without a
 * body (204) is cut inside its status line instead, as it would otherwise look complete.
 */
export function sendTruncated(res: ServerResponse, reply: Reply): void {
  const socket = res.socket;
  if (res.destroyed || !socket) return;
  const payload = payloadOf(reply);
  if (payload.length < 2) {
    socket.write(`HTTP/1.1 ${reply.status} `, () => socket.destroy());
    return;
  }
  res.writeHead(reply.status, headersOf(reply, payload));
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => socket.destroy());
}
