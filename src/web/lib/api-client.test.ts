import { delay, http, HttpResponse } from 'msw';
import { server } from '../testing/mocks/node';
import { apiClient, ApiError, parseRetryAfter, REQUEST_TIMEOUT_MS } from './api-client';
import { forgetCsrfToken, rememberCsrfToken } from './csrf-token';
import { SHAPES } from './response-shape';

const ok = { ok: 'boolean' };

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('apiClient', () => {
  it('attaches the session’s CSRF token to every state-changing request (POST, DELETE), never to a GET', async () => {
    const seen: Request[] = [];
    server.use(
      http.all('/api/echo', ({ request }) => {
        seen.push(request);
        return HttpResponse.json({ ok: true });
      }),
    );
    rememberCsrfToken('tok-1'); // what GET /api/session answered (lib/session.ts records it)
    await apiClient.post('/api/echo', {}, ok);
    await apiClient.get('/api/echo', ok);
    await apiClient.delete('/api/echo', ok);
    expect(seen.map((r) => [r.method, r.headers.get('x-csrf-token')])).toEqual([
      ['POST', 'tok-1'],
      ['GET', null],
      ['DELETE', 'tok-1'],
    ]);
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('sends the token the latest session answer carried, and no header before any', async () => {
    const seen: Headers[] = [];
    server.use(
      http.post('/api/echo', ({ request }) => {
        seen.push(request.headers);
        return HttpResponse.json({ ok: true });
      }),
    );
    forgetCsrfToken();
    await apiClient.post('/api/echo', {}, ok);
    rememberCsrfToken('tok-1');
    rememberCsrfToken('tok-2'); // a new sign-in, or the session read again after CSRF_REJECTED
    await apiClient.post('/api/echo', {}, ok);
    expect(seen.map((h) => h.get('x-csrf-token'))).toEqual([null, 'tok-2']);
  });

  it('drops empty query values', async () => {
    let url = '';
    server.use(
      http.get('/api/echo', ({ request }) => {
        url = request.url;
        return HttpResponse.json({ ok: true });
      }),
    );
    await apiClient.get('/api/echo', ok, { query: { offset: 0, name: '', status: undefined } });
    expect(new URL(url).search).toBe('?offset=0');
  });

  it('parses the console error shape, upstream details included', async () => {
    server.use(
      http.post('/api/echo', () =>
        HttpResponse.json(
          {
            error: {
              code: 'STOP_NOT_ALLOWED',
              message: 'refused',
              request_id: 'r-1',
              upstream: { status: 400, error_code: 'DCS.4957', error_msg: 'not allowed', request_id: 'u-1' },
            },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await caught(apiClient.post('/api/echo', {}, ok));
    expect(error).toMatchObject({ status: 400, code: 'STOP_NOT_ALLOWED', message: 'refused', request_id: 'r-1' });
    expect(error.upstream).toEqual({ status: 400, error_code: 'DCS.4957', error_msg: 'not allowed', request_id: 'u-1' });
  });

  it('turns a non-JSON error body into a readable error with the request id header', async () => {
    server.use(
      http.get(
        '/api/echo',
        () =>
          new HttpResponse('<html><head><style>p{}</style></head><body><h1>503 Service Unavailable</h1></body></html>', {
            status: 503,
            headers: { 'x-request-id': 'proxy-7' },
          }),
      ),
    );
    const error = await caught(apiClient.get('/api/echo', ok));
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.status).toBe(503);
    expect(error.message).toContain('HTTP 503');
    expect(error.message).toContain('503 Service Unavailable');
    expect(error.message).not.toContain('<h1>');
    expect(error.request_id).toBe('proxy-7');
  });

  it('rejects a success body that does not match the contract', async () => {
    server.use(http.get('/api/echo', () => HttpResponse.json({ task_name: 'no id' })));
    const error = await caught(apiClient.get('/api/echo', SHAPES.task));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('task_id');
  });

  it('keeps unknown fields of loose objects', async () => {
    server.use(http.get('/api/echo', () => HttpResponse.json({ task_id: 'abc', brand_new: { x: 1 } })));
    const task = await apiClient.get('/api/echo', SHAPES.task);
    expect(task).toMatchObject({ task_id: 'abc', brand_new: { x: 1 } });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    server.use(http.get('/api/echo', () => HttpResponse.error()));
    const error = await caught(apiClient.get('/api/echo', ok));
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('keeps login_url of a 401 and the Retry-After seconds of a 429', async () => {
    server.use(
      http.get('/api/echo', () =>
        HttpResponse.json(
          { error: { code: 'UNAUTHENTICATED', message: 'sign in', request_id: 'r-2', login_url: '/auth/login' } },
          { status: 401 },
        ),
      ),
      http.post('/api/echo', () =>
        HttpResponse.json(
          { error: { code: 'RATE_LIMITED', message: 'slow down', request_id: 'r-3' } },
          { status: 429, headers: { 'retry-after': '17' } },
        ),
      ),
    );
    expect(await caught(apiClient.get('/api/echo', ok))).toMatchObject({ code: 'UNAUTHENTICATED', login_url: '/auth/login', retryAfterSeconds: null });
    expect(await caught(apiClient.post('/api/echo', {}, ok))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 17, login_url: undefined });
  });
});

describe('apiClient when the console misbehaves', () => {
  afterEach(() => vi.useRealTimers());

  it('gives up after 30 s without an answer, with a readable CLIENT_TIMEOUT', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    server.use(
      http.get('/api/echo', async () => {
        await delay('infinite');
        return HttpResponse.json({ ok: true });
      }),
    );
    const pending = caught(apiClient.get('/api/echo', ok));
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 100);
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(await pending).toMatchObject({ status: 0, code: 'CLIENT_TIMEOUT', message: 'The console did not answer within 30 s.' });
  });

  it('reports an answer cut off mid-body as NETWORK_ERROR, not as a bad body', async () => {
    server.use(
      http.get(
        '/api/echo',
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"ok":'));
                controller.error(new Error('connection reset'));
              },
            }),
            { status: 200, headers: { 'x-request-id': 'r-cut' } },
          ),
      ),
    );
    const error = await caught(apiClient.get('/api/echo', ok));
    expect(error).toMatchObject({ status: 200, code: 'NETWORK_ERROR', request_id: 'r-cut' });
    expect(error.message).toBe('The connection to the console dropped while its answer (HTTP 200) was arriving.');
  });

  it('gives up on an answer whose body stops arriving, at the same deadline', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const stalled = new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"ok":')) });
    server.use(http.get('/api/echo', () => new HttpResponse(stalled, { status: 200 })));
    const pending = caught(apiClient.get('/api/echo', ok));
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 100);
    expect(await pending).toMatchObject({
      status: 200,
      code: 'CLIENT_TIMEOUT',
      message: 'The console did not finish answering within 30 s (HTTP 200).',
    });
  });

  it('stamps each failure with its time, to count retries down from', async () => {
    server.use(http.get('/api/echo', () => HttpResponse.error()));
    const before = Date.now();
    const error = await caught(apiClient.get('/api/echo', ok));
    expect(error.at).toBeGreaterThanOrEqual(before);
    expect(error.at).toBeLessThanOrEqual(Date.now());
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2025-11-20T08:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Thu, 20 Nov 2025 08:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('Thu, 20 Nov 2025 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});
