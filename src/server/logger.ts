// Structured logs (pino) that never carry a secret: credentials, cookies, tokens and passwords are
// censored wherever pino can see them, and request logs carry only method, path, ids and the user.
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-auth-token"]',
  'req.headers["x-security-token"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.*.password',
  'password',
  'sk',
  '*.sk',
  'token',
  '*.token',
];

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    // JSON leaves U+2028/U+2029 (and U+0085) raw, and many log readers break lines on them: escaped
    // in the serialised line, where they can only be inside a string, so the JSON means the same.
    hooks: { streamWrite: escapeLineBreaks },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        // The path only: query strings may hold search terms, and headers hold credentials.
        return { method: request.method, path: request.url.split('?')[0], request_id: request.id, remote: request.ip };
      },
    },
  };
}

export function escapeLineBreaks(line: string): string {
  return line.replace(/[\u0085\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The access log: one line per request when it completes, with the request id, method, path (no
 * query), status, time and who asked (`user`: null when not signed in). Never headers or cookies.
 */
export class AccessLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const signedIn = (request as { auth?: { signedIn?: boolean } | null }).auth?.signedIn === true;
    const user = signedIn ? ((request as { principal?: { name?: string } | null }).principal?.name ?? null) : null;
    const entry = { req: request, user, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...entry, err: error }, 'request errored');
    else reply.log.info(entry, 'request completed');
  }
}
