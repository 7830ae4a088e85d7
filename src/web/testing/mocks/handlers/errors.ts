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
