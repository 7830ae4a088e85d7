// Fault injection: default error bodies, drops mid-response, times vs for_ms, probability.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import { FaultStore, type Fault } from './fault-store';
import { parseFault, type FaultSpec } from './faults';
import { startSimulator, type RunningSimulator } from './index';
import { control, dcsClient } from './testing';

const T0 = Date.parse('2025-01-15T08:30:00.000Z');
const LIST = 'GET /migration-tasks';
let clock = T0;
let sim: RunningSimulator;
let dcs: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock, stopDelayMs: 60_000 });
  dcs = dcsClient(sim, () => clock);
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = T0;
  await control(sim, 'POST', '/reset');
});

const faults = async () => (await control<{ faults: Fault[] }>(sim, 'GET', '/faults')).body.faults;

/** Reads a body until it ends or breaks: the bytes that arrived and the error, if any. */
async function readUntilError(res: Response): Promise<{ bytes: number; error: unknown }> {
  const reader = res.body!.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes, error: null };
      bytes += value.length;
    }
  } catch (error) {
    return { bytes, error };
  }
}

describe('default error bodies', () => {
  const request_id = expect.stringMatching(/^[0-9a-f]{32}$/);
  it.each([
    [500, { error_code: 'DCS.5000', error_msg: 'Internal service error.', error_ext_msg: null }],
    [429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 second', request_id }],
    [401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', request_id }],
    [403, { error_code: 'DCS.2003', error_msg: 'Role has no permission to perform this operation.', error_ext_msg: null }],
  ])('%i answers the body the cloud would', async (status, body) => {
    await control(sim, 'POST', '/faults', { route: LIST, status, times: 1 });
    const res = await dcs.get<DcsErrorBody>('/migration-tasks');
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(res.headers.get('retry-after')).toBe(status === 429 ? '1' : null);
    if (res.body.request_id) expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('combines latency with an error status', async () => {
    await control(sim, 'POST', '/faults', { route: LIST, status: 429, retry_after: 4, latency_ms: 200, times: 1 });
    const started = performance.now();
    const res = await dcs.get('/migration-tasks');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('4');
  });
});

describe('dropped connections', () => {
  it('mid_response (= drop_connection: true): status line, headers and half the body, then the socket closes', async () => {
    for (const fault of [{ drop_connection: true }, { drop: 'mid_response' }]) {
      await control(sim, 'POST', '/faults', { route: LIST, times: 1, ...fault });
      const res = await dcs.send('GET', '/migration-tasks');
      expect(res.status).toBe(200);
      const length = Number(res.headers.get('content-length'));
      const { bytes, error } = await readUntilError(res);
      expect(error).toBeTruthy();
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(length);
    }
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
  });

  it('mid_response cuts an injected error too, and a bodiless 204 inside its status line', async () => {
    await control(sim, 'POST', '/faults', { route: LIST, status: 500, drop: 'mid_response', times: 1 });
    const res = await dcs.send('GET', '/migration-tasks');
    expect(res.status).toBe(500);
    expect((await readUntilError(res)).error).toBeTruthy();

    const task = await dcs.taskWith('INCRMIGEATING');
    await control(sim, 'POST', '/faults', { route: 'POST /migration-task/{id}/sync-stop', drop: 'mid_response', times: 1 });
    await expect(dcs.post(`/migration-task/${task.task_id}/sync-stop`)).rejects.toThrow();
  });

  it('before_response closes without a byte, after any latency', async () => {
    await control(sim, 'POST', '/faults', { drop: 'before_response', latency_ms: 100, times: 1 });
    const started = performance.now();
    await expect(dcs.get('/migration-tasks')).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect((await control(sim, 'GET', '/requests')).body).toMatchObject({ total: 1 });
  });
});

describe('how long a fault lasts', () => {
  it('times: the next N hits, listed with the uses left', async () => {
    await control(sim, 'POST', '/faults', { route: LIST, status: 500, times: 2 });
    expect(await faults()).toMatchObject([{ remaining: 2, hits: 0, expires_at: null, remaining_ms: null }]);
    expect((await dcs.get('/migration-tasks')).status).toBe(500);
    expect(await faults()).toMatchObject([{ remaining: 1, hits: 1 }]);
    expect((await dcs.get('/migration-tasks')).status).toBe(500);
    expect(await faults()).toEqual([]);
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
  });

  it('for_ms: every hit until the window ends on the simulator clock, listed with its expiry', async () => {
    await control(sim, 'POST', '/faults', { route: LIST, status: 503, for_ms: 1000 });
    clock = T0 + 400;
    expect(await faults()).toMatchObject([{ remaining: null, expires_at: '2025-01-15T08:30:01.000Z', remaining_ms: 600 }]);
    for (let i = 0; i < 3; i++) expect((await dcs.get('/migration-tasks')).status).toBe(503);
    clock = T0 + 999;
    expect((await dcs.get('/migration-tasks')).status).toBe(503);
    clock = T0 + 1000;
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
    expect(await faults()).toEqual([]);
  });

  it('times and for_ms together: whichever ends first', async () => {
    await control(sim, 'POST', '/faults', { route: LIST, status: 500, times: 5, for_ms: 1000 });
    expect((await dcs.get('/migration-tasks')).status).toBe(500);
    clock = T0 + 1000;
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
  });

  it('DELETE /faults clears them all', async () => {
    await control(sim, 'POST', '/faults', { status: 500 });
    await control(sim, 'POST', '/faults', { route: LIST, latency_ms: 10, for_ms: 60_000 });
    expect(await faults()).toHaveLength(2);
    expect((await control(sim, 'DELETE', '/faults')).body).toEqual({ faults: [], hung_requests_closed: 0 });
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
  });
});

describe('probability', () => {
  // The share is a property of the seeded dice, so it is counted on the fault store itself: 2,000
  // rolls cost no time. Over HTTP a smaller run proves the control API and requests use those dice.
  const spec = (probability: number) => parseFault({ route: LIST, status: 500, probability }) as FaultSpec;
  const hitsIn = (store: FaultStore, n: number) => Array.from({ length: n }, () => store.take(LIST)).filter(Boolean).length;

  it('hits roughly that share of matching requests, the same ones again after a reset (seeded dice)', () => {
    const store = new FaultStore(42, () => T0);
    store.add(spec(0.01));
    const first = hitsIn(store, 2000);
    expect(first).toBeGreaterThanOrEqual(5);
    expect(first).toBeLessThanOrEqual(40);
    expect(store.list()).toMatchObject([{ probability: 0.01, hits: first }]);

    store.reset();
    store.add(spec(0.01));
    expect(hitsIn(store, 2000)).toBe(first);
    const otherSeed = new FaultStore(43, () => T0);
    otherSeed.add(spec(0.3));
    store.reset();
    store.add(spec(0.3));
    const rolls = (s: FaultStore) => Array.from({ length: 64 }, () => (s.take(LIST) ? 1 : 0)).join('');
    expect(rolls(store)).not.toBe(rolls(otherSeed)); // the dice come from the seed
  });

  it('over HTTP: the requests a probability fault hits are answered with its error, reproducibly after a reset', async () => {
    async function statuses(n: number): Promise<number[]> {
      const answers = await Promise.all(Array.from({ length: n }, () => dcs.get('/migration-tasks', { query: { limit: 1 } })));
      return answers.map((r) => r.status);
    }
    await control(sim, 'POST', '/faults', { route: LIST, status: 500, probability: 0.1 });
    const first = await statuses(200);
    const errors = first.filter((s) => s === 500).length;
    expect(errors).toBeGreaterThanOrEqual(5);
    expect(errors).toBeLessThanOrEqual(40);
    expect(first.filter((s) => s !== 500 && s !== 200)).toEqual([]);
    expect(await faults()).toMatchObject([{ probability: 0.1, hits: errors }]);
    expect((await control(sim, 'GET', '/requests')).body).toMatchObject({ total: 200 });

    await control(sim, 'POST', '/reset');
    await control(sim, 'POST', '/faults', { route: LIST, status: 500, probability: 0.1 });
    expect((await statuses(200)).filter((s) => s === 500).length).toBe(errors);
  });

  it('times counts hits only; a newer fault that misses its roll leaves the request to older ones', async () => {
    await control(sim, 'POST', '/faults', { route: LIST, status: 503 });
    await control(sim, 'POST', '/faults', { route: LIST, status: 429, probability: 0.5, times: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await dcs.get('/migration-tasks')).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(statuses.filter((s) => s === 503)).toHaveLength(37);
    await control(sim, 'POST', '/faults', { route: LIST, status: 500, probability: 0 });
    expect((await dcs.get('/migration-tasks')).status).toBe(503);
  });
});

describe('validation', () => {
  it.each([
    [{ hang: true, status: 500 }, /hang never answers/],
    [{ hang: true, latency_ms: 5 }, /hang never answers/],
    [{ drop: 'before_response', status: 500 }, /cannot be combined with status/],
    [{ drop: 'sideways' }, /drop must be/],
    [{ drop: 'mid_response', drop_connection: true }, /not both/],
    [{ status: 500, probability: 1.5 }, /probability/],
    [{ status: 500, probability: '0.5' }, /probability/],
    [{ status: 500, for_ms: 0 }, /for_ms/],
    [{ hang: 'yes' }, /hang must be a boolean/],
  ])('rejects %j', async (fault, message) => {
    const res = await control<{ error: { code: string; message: string } }>(sim, 'POST', '/faults', fault);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'invalid_fault', message: expect.stringMatching(message) });
  });
});
