// What each console error code means for the operator, in one sentence.
const HINTS: Record<string, string> = {
  INVALID_TASK_ID: 'The task id in the address is not a valid DCS task id.',
  INVALID_QUERY: 'The filters in the address are not valid; clear them and try again.',
  INVALID_BODY: 'The console rejected the request body. This is a bug in the page.',
  ROUTE_NOT_FOUND: 'The console does not know this API route. The page and server may be out of date.',
  UNKNOWN_TARGET: 'The console does not serve this target (region and project). It may have been removed from its configuration.',
  TASK_NOT_FOUND: 'The cloud does not know this task. It may have been deleted.',
  UNAUTHENTICATED: 'You are not signed in, or your session has ended. Reload the page to sign in again.',
  SIGN_IN_FAILED: 'The sign-in did not complete. Sign in again.',
  FORBIDDEN: 'You are signed in, but your role does not allow this.',
  RATE_LIMITED: 'You have sent too many stop requests in a short time. Wait a little and try again.',
  CSRF_REJECTED: 'The request’s security token was rejected. Reload the page and try again.',
  UPSTREAM_AUTH_FAILED: 'Huawei Cloud rejected the console’s credentials. Ask the console’s administrators.',
  UPSTREAM_FORBIDDEN: 'The console’s cloud credentials lack the IAM permission for this.',
  UPSTREAM_THROTTLED: 'Huawei Cloud is throttling requests. Wait a few seconds and retry.',
  UPSTREAM_REJECTED: 'Huawei Cloud rejected the request.',
  UPSTREAM_ERROR: 'Huawei Cloud reported an internal error. Retry in a moment.',
  UPSTREAM_TIMEOUT: 'Huawei Cloud did not answer in time. The request may or may not have taken effect; check before retrying.',
  UPSTREAM_UNREACHABLE: 'The console could not reach Huawei Cloud.',
  UPSTREAM_BAD_RESPONSE: 'Huawei Cloud answered in an unexpected shape.',
  INTERNAL: 'The console hit an internal error.',
  NETWORK_ERROR: 'Your browser could not reach the console.',
  CLIENT_TIMEOUT: 'The console did not answer in time.',
  UNEXPECTED_RESPONSE: 'Something between your browser and the console (a proxy?) answered instead of the console.',
  BAD_RESPONSE: 'The console answered in a shape this page does not understand. The page and server may be out of date.',
};

export function errorHint(code: string): string | null {
  return HINTS[code] ?? null;
}
