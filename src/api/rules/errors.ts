// The console's stable error codes (no zod here: the browser bundle stays light).
export const API_ERROR_CODES = [
  'INVALID_TASK_ID', // task id is not letters, digits and '-', 1–64 long
  'INVALID_QUERY', // a query parameter is missing, malformed or out of range
  'INVALID_BODY', // request body missing, not JSON or wrong shape
  'UNKNOWN_TARGET', // ?target= names no configured target
  'ROUTE_NOT_FOUND', // no such console route
  'TASK_NOT_FOUND', // the cloud does not know the task
  'STOP_NOT_ALLOWED', // the cloud refused: the task's status does not allow a stop
  'STATS_NOT_AVAILABLE', // the cloud has no progress stats for this task (only online migrations have them)
  'UNAUTHENTICATED', // not signed in
  'FORBIDDEN', // signed in, not allowed
  'CSRF_REJECTED', // missing or wrong CSRF token / cross-site request
  'RATE_LIMITED', // too many stop requests from this user; Retry-After says when to try again
  'SIGN_IN_FAILED', // the OpenID Connect sign-in did not complete (expired, refused, provider unreachable)
  'UPSTREAM_AUTH_FAILED', // the cloud rejected the console's credentials
  'UPSTREAM_FORBIDDEN', // the console's credentials lack the IAM permission
  'UPSTREAM_THROTTLED', // the cloud's gateway is throttling
  'UPSTREAM_REJECTED', // any other 4xx from the cloud
  'UPSTREAM_ERROR', // 5xx from the cloud
  'UPSTREAM_TIMEOUT', // the cloud did not answer in time
  'UPSTREAM_UNREACHABLE', // connection refused, reset or DNS failure
  'UPSTREAM_BAD_RESPONSE', // the cloud answered something that is not the documented shape
  'INVALID_REQUEST', // refused before any route: headers too large (431), not HTTP (400), too slow (408)
  'HOST_NOT_ALLOWED', // the request's Host is not one of the console's own names (DNS rebinding guard)
  'INTERNAL', // a bug in the console
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
