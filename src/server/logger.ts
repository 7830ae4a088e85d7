// Structured logs (pino) that never carry a secret: credentials, cookies, tokens and passwords are
// censored wherever pino can see them, and request logs carry only method, path and ids.
import type { FastifyServerOptions } from 'fastify';
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
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        // The path only: query strings may hold search terms, and headers hold credentials.
        return { method: request.method, path: request.url.split('?')[0], request_id: request.id, remote: request.ip };
      },
    },
  };
}
