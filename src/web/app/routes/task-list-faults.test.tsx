import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { requestsTo } from '../../testing/mocks/db';
import { apiError, cloudInternalError, cloudThrottled } from '../../testing/mocks/handlers/errors';
import { server } from '../../testing/mocks/node';
import { createTestQueryClient, renderApp } from '../../testing/test-utils';

// The list when the cloud misbehaves: rows already shown stay (marked stale, with their age), a
// first load says what failed and what the console does next, and polling recovers by itself.
const LIST = '/api/migration-tasks';
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const ageSeconds = () => Number(/^(\d+) s$/.exec(screen.getByTestId('stale-age').textContent ?? '')?.[1]);

/** The list answers with `fail()` while `broken.on`, and normally otherwise. */
function breakList(fail: () => Response) {
  const broken = { on: true };
  server.use(http.get(LIST, () => (broken.on ? fail() : undefined)));
  return broken;
}

async function renderListed(options?: Parameters<typeof renderApp>[1]) {
  const result = renderApp('/targets/sim-region-1', options);
  await screen.findAllByTestId('task-row');
  return result;
}

describe('the task list when the cloud fails', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('keeps its rows on a failed refresh, marked stale with a ticking age, and recovers by itself', async () => {
    await renderListed();
    const broken = breakList(() => cloudInternalError('req-list-5000'));
    await advance(5_100);

    const banner = await screen.findByTestId('stale-data');
    expect(banner).toHaveTextContent(/Showing the tasks from \d+ s ago — the last refresh failed: UPSTREAM_ERROR \(DCS\.5000\)/);
    expect(banner).toHaveTextContent('Retrying every 5 s.');
    expect(banner).toHaveTextContent('Internal service error. (HTTP 500)');
    expect(banner).toHaveTextContent('HTTP 502');
    expect(banner).toHaveTextContent('req-list-5000');
    expect(banner).toHaveTextContent('up-5000-abc');
    expect(within(banner).getByRole('button', { name: 'Retry' })).toBeEnabled();
    expect(screen.getAllByTestId('task-row')).toHaveLength(10);
    expect(screen.queryByTestId('error-alert')).not.toBeInTheDocument();

    const age = ageSeconds();
    expect(age).toBeGreaterThanOrEqual(4);
    await advance(3_000);
    expect(ageSeconds()).toBeGreaterThanOrEqual(age + 2);

    broken.on = false;
    await advance(5_000);
    await waitFor(() => expect(screen.queryByTestId('stale-data')).not.toBeInTheDocument());
    expect(screen.getAllByTestId('task-row')).toHaveLength(10);
  });

  it('keeps polling at its interval after errors, so recovery needs no click', async () => {
    await renderListed();
    breakList(() => cloudInternalError());
    const before = requestsTo(LIST).length;
    await advance(5_100);
    await screen.findByTestId('stale-data');
    await advance(5_000);
    await advance(5_000);
    expect(requestsTo(LIST).length).toBe(before + 3);
  });

  it('Retry on the stale banner refetches at once', async () => {
    const { user } = await renderListed();
    const broken = breakList(() => cloudInternalError());
    await advance(5_100);
    const banner = await screen.findByTestId('stale-data');
    broken.on = false;
    const before = requestsTo(LIST).length;
    await user.click(within(banner).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByTestId('stale-data')).not.toBeInTheDocument());
    expect(requestsTo(LIST).length).toBe(before + 1);
  });

  it('turns a proxy’s HTML 502 during a refresh into a readable stale banner', async () => {
    await renderListed();
    breakList(
      () =>
        new HttpResponse('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    await advance(5_100);
    const banner = await screen.findByTestId('stale-data');
    expect(banner).toHaveTextContent('UNEXPECTED_RESPONSE');
    expect(banner).toHaveTextContent('502 Bad Gateway nginx');
    expect(banner).toHaveTextContent('a proxy?');
    expect(banner).not.toHaveTextContent('<h1>');
  });

  it('a first load that times out: code, explanation and retries, then "Stopped retrying", then Retry', async () => {
    const broken = breakList(() =>
      apiError(504, { code: 'UPSTREAM_TIMEOUT', message: 'Huawei Cloud did not answer within 10 s.', request_id: 'req-504' }),
    );
    const { user } = renderApp('/targets/sim-region-1', { queryClient: createTestQueryClient({ retries: true }) });
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('Could not load migration tasks');
    expect(alert).toHaveTextContent('UPSTREAM_TIMEOUT');
    expect(alert).toHaveTextContent('HTTP 504');
    expect(alert).toHaveTextContent('req-504');
    expect(alert).toHaveTextContent('did not answer within the console’s time limit');
    expect(within(alert).getByTestId('retry-plan')).toHaveTextContent('Retrying automatically in 1 s (attempt 2)…');
    expect(screen.queryByTestId('task-row-skeleton')).not.toBeInTheDocument();

    await advance(1_100);
    await waitFor(() => expect(within(alert).getByTestId('retry-plan')).toHaveTextContent(/in [12] s \(attempt 3\)…/));
    await advance(2_100);
    await waitFor(() => expect(within(alert).getByTestId('retry-plan')).toHaveTextContent('Stopped retrying. Use Retry.'));
    expect(requestsTo(LIST)).toHaveLength(3);
    await advance(10_000);
    expect(requestsTo(LIST)).toHaveLength(3); // no data, so nothing polls

    broken.on = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('task-row')).toHaveLength(10);
    expect(screen.queryByTestId('error-alert')).not.toBeInTheDocument();
  });

  it('503 UPSTREAM_THROTTLED with Retry-After: says when it retries, and waits that long', async () => {
    breakList(() => cloudThrottled(7));
    renderApp('/targets/sim-region-1', { queryClient: createTestQueryClient({ retries: true }) });
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveTextContent('UPSTREAM_THROTTLED');
    expect(alert).toHaveTextContent('APIGW.0308');
    expect(alert).toHaveTextContent('HTTP 503');
    expect(within(alert).getByTestId('retry-plan')).toHaveTextContent(/^Retrying automatically in [67] s \(attempt 2\)…$/);
    await advance(3_000);
    expect(within(alert).getByTestId('retry-plan')).toHaveTextContent(/^Retrying automatically in [34] s \(attempt 2\)…$/);
    expect(requestsTo(LIST)).toHaveLength(1);
    await advance(4_500);
    await waitFor(() => expect(requestsTo(LIST)).toHaveLength(2));
  });
});
