import { HttpResponse } from 'msw';
import type { ApiErrorBody } from '../../../../api';

let counter = 0;

export function apiError(status: number, body: Omit<ApiErrorBody, 'request_id'> & { request_id?: string }) {
  counter += 1;
  return HttpResponse.json(
    { error: { request_id: `req-mock-${String(counter).padStart(4, '0')}`, ...body } },
    { status },
  );
}

/** The console's answer when the cloud failed: 502 UPSTREAM_ERROR with the cloud's DCS.5000. */
export function cloudInternalError(request_id = 'req-up-5000') {
  return apiError(502, {
    code: 'UPSTREAM_ERROR',
    message: 'Huawei Cloud answered HTTP 500 after 3 attempts.',
    request_id,
    upstream: { status: 500, error_code: 'DCS.5000', error_msg: 'Internal service error.', request_id: 'up-5000-abc' },
  });
}

/** 503 UPSTREAM_THROTTLED with Retry-After, as the console answers when the cloud's gateway throttles. */
export function cloudThrottled(retryAfterSeconds: number) {
  const response = apiError(503, {
    code: 'UPSTREAM_THROTTLED',
    message: 'Huawei Cloud is throttling requests.',
    upstream: { status: 429, error_code: 'APIGW.0308', error_msg: 'The request is throttled.', request_id: 'up-thr-1' },
  });
  response.headers.set('retry-after', String(retryAfterSeconds));
  return response;
}

/** 504 UPSTREAM_TIMEOUT, as the console answers a stop the cloud did not answer in time. */
export function stopTimedOut() {
  return apiError(504, {
    code: 'UPSTREAM_TIMEOUT',
    message:
      'Huawei Cloud did not answer within 10 s. The stop may or may not have been applied: check the task status before trying again.',
    request_id: 'req-stop-timeout-1',
  });
}
