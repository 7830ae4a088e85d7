import type { Messages } from '../message';

// What each error code means for the operator (console codes, stop-when-caught-up codes and the
// codes the page makes itself), the page's own failure messages, and what it does next.
export const errors = {
  // Console API codes (src/api/rules/errors.ts).
  INVALID_TASK_ID: 'The task id in the address is not a valid DCS task id.',
  INVALID_QUERY: 'The filters in the address are not valid; clear them and try again.',
  INVALID_BODY: 'The console rejected the request body. This is a bug in the page.',
  ROUTE_NOT_FOUND: 'The console does not know this API route. The page and server may be out of date.',
  UNKNOWN_TARGET:
    'The console does not serve this target (region and project). It may have been removed from its configuration.',
  TASK_NOT_FOUND: 'The cloud does not know this task. It may have been deleted.',
  STOP_NOT_ALLOWED: 'The cloud refused the stop: the task’s current status does not allow it.',
  STATS_NOT_AVAILABLE: 'Huawei Cloud keeps no progress statistics for this task: backup imports have none, only online migrations do.',
  UNAUTHENTICATED: 'You are not signed in, or your session has ended. Reload the page to sign in again.',
  SIGN_IN_FAILED: 'The sign-in did not complete. Sign in again.',
  FORBIDDEN: 'You are signed in, but your role does not allow this.',
  RATE_LIMITED: 'You have sent too many stop requests in a short time. Wait a little and try again.',
  CSRF_REJECTED: 'The request’s security token was rejected. Reload the page and try again.',
  UPSTREAM_AUTH_FAILED: 'Huawei Cloud rejected the console’s credentials. Ask the console’s administrators.',
  UPSTREAM_FORBIDDEN:
    'The console’s cloud credentials lack the IAM permission for this. Ask the console’s administrators.',
  UPSTREAM_THROTTLED:
    'Huawei Cloud is limiting how many requests the console may send. This usually passes within seconds.',
  UPSTREAM_REJECTED: 'Huawei Cloud rejected the request.',
  UPSTREAM_ERROR:
    'Huawei Cloud answered with an internal error, even after the console retried. This is usually temporary.',
  UPSTREAM_TIMEOUT:
    'Huawei Cloud did not answer within the console’s time limit. A read is safe to retry; a stop may or may not have taken effect, so check the task’s status first.',
  UPSTREAM_UNREACHABLE:
    'The console could not reach Huawei Cloud (connection refused, reset or DNS failure), even after retrying. The cloud or the network to it may be down.',
  UPSTREAM_BAD_RESPONSE:
    'Huawei Cloud answered something that is not the documented shape, e.g. an answer cut off halfway.',
  INVALID_REQUEST: 'The console refused the request before reading it: its headers were too large (often too many cookies for this address) or it arrived too slowly.',
  HOST_NOT_ALLOWED:
    'The console does not answer to the address in this browser’s address bar. Open it at its own address, or ask its administrators to add this one to ALLOWED_HOSTS.',
  INTERNAL: 'The console hit an internal error.',
  // The same codes after a write (a stop), which the console sends once and never retries.
  upstreamErrorNotRetried:
    'Huawei Cloud answered with an internal error. The console sent this request once and did not retry it. This is usually temporary.',
  upstreamUnreachableNotRetried:
    'The console could not reach Huawei Cloud (connection refused, reset or DNS failure). The console tried to send this request once and did not retry it. The cloud or the network to it may be down.',
  // Stop when caught up (src/api/rules/caught-up.ts).
  NOT_INCREMENTAL_MIGRATION: 'Only an incremental migration can catch up: this task is not one.',
  TASK_NOT_STOPPABLE: 'The task’s current status does not allow a stop.',
  CAUGHT_UP_WATCH_EXISTS: 'This task is already waiting to be stopped when caught up. Cancel that first.',
  CAUGHT_UP_WATCH_LIMIT: 'Too many tasks are already waiting to be stopped when caught up. Try again later.',
  CAUGHT_UP_WATCH_NOT_FOUND: 'This task is not waiting to be stopped when caught up.',
  CAUGHT_UP_WATCH_FINISHED: 'The wait for this task has already ended (stopped, cancelled or failed).',
  // Made in the browser (src/web/lib/api-error.ts).
  NETWORK_ERROR: 'Your browser got no answer from the console: the network, a proxy or the console itself may be down.',
  CLIENT_TIMEOUT: 'The console did not answer in time; it may be overloaded or stuck.',
  UNEXPECTED_RESPONSE: 'Something between your browser and the console (a proxy?) answered instead of the console.',
  BAD_RESPONSE:
    'The console answered in a shape this page does not understand. The page and server may be out of date.',

  // The page's own messages for answers it could not read (lib/api-client.ts).
  unreadableError: 'The console answered HTTP {status} without a readable error.',
  unreadableErrorWithBody: 'The console answered HTTP {status} without a readable error: "{body}"',
  notJson: 'The console answered with a body that is not JSON.',
  badShape: 'The console answered in a shape this page does not understand ({problem}).',
  shapeProblem: '{field}: expected {expected}, got {actual}',
  shapeNothing: 'nothing',
  unreachable: 'The console could not be reached. Check your connection and retry.',
  noAnswerInTime: 'The console did not answer within {seconds} s.',
  unfinishedAnswer: 'The console did not finish answering within {seconds} s (HTTP {status}).',
  droppedAnswer: 'The connection to the console dropped while its answer (HTTP {status}) was arriving.',

  // What the page does next about a failed read (lib/retry-policy.ts).
  retryingIn: 'Retrying automatically in {seconds} s (attempt {attempt})…',
  retryingNowAttempt: 'Retrying now (attempt {attempt})…',
  retryingNow: 'Retrying now…',
  retryingEvery: 'Retrying every {seconds} s.',
  gaveUp: 'Stopped retrying. Use Retry.',
  notRetried: 'Not retried automatically: this error does not go away by itself. Use Retry once it is fixed.',

  // Error details (components/error-alert.tsx, query-failure.tsx).
  requestFailed: 'Request failed',
  consoleError: 'Console error',
  cloudError: 'Cloud error',
  noCode: 'no code',
  noMessage: 'no message',
  http: 'HTTP {status}',
  requestId: 'Request id',
  cloudRequestId: 'Cloud request id',
  unknownError: 'unknown error',
  staleShowing: 'Showing {what} from {age} ago — the last refresh failed: {problem}',
  staleWhat: 'data',
} satisfies Messages;
