// The /__simulator control API: request counts, fault injection, reset, forced statuses.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import type { DcsMigrationTask } from '../dcs/types';
import { isLoopback } from './control';
import { startSimulator, type RunningSimulator } from './index';
import type { SimTask } from './model';
import { control, dcsClient } from './testing';

let sim: RunningSimulator;
let dcs: ReturnType<typeof dcsClient>;
const STOP = 'POST /migration-task/{id}/stop';

beforeAll(async () => {
  sim = await startSimulator({ port: 0, stopDelayMs: 60_000 });
  dcs = dcsClient(sim);
});
afterAll(() => sim.close());
beforeEach(async () => {
  await control(sim, 'POST', '/reset');
});

interface Counts {
  total: number;
  routes: Record<string, number>;
  peak_in_flight: Record<string, number>;
}

describe('request counts', () => {
  it('counts every DCS request by route template, rejected ones included, control calls not', async () => {
    const task = await dcs.taskWith('SUCCESS'); // 1 list call
    await dcs.get(`/migration-task/${task.task_id}`);
    await dcs.get(`/migration-task/${task.task_id}/stats`, { unsigned: true }); // 401, still counted
    await dcs.post(`/migration-task/${task.task_id}/stop`); // 400, still counted
    await dcs.post('/migration-task/batch-stop', { body: '{}' });
    await dcs.get(`/migration-task/${task.task_id}/logs`);
    await dcs.get(`/migration-task/${task.task_id}/logs`, { query: { log_level: 'DEBUG' } }); // 400, still counted
    await dcs.post(`/migration-task/${task.task_id}/sync-stop`); // 400
    await dcs.del('/migration-tasks/delete', { body: '{"task_id_list": []}' }); // 400
    await dcs.get('/no-such-thing');
    await control(sim, 'GET', '/faults');
    const counts = (await control<Counts>(sim, 'GET', '/requests')).body;
    expect(counts).toEqual({
      total: 10,
      routes: {
        'GET /migration-tasks': 1,
        'GET /migration-task/{id}': 1,
        'GET /migration-task/{id}/stats': 1,
        [STOP]: 1,
        'POST /migration-task/batch-stop': 1,
        'GET /migration-task/{id}/logs': 2,
        'POST /migration-task/{id}/sync-stop': 1,
        'DELETE /migration-tasks/delete': 1,
        UNMATCHED: 1,
      },
      // One after the other: never more than one of a route at once.
      peak_in_flight: Object.fromEntries(Object.keys(counts.routes).filter((route) => counts.routes[route]! > 0).map((route) => [route, 1])),
    });
    expect((await control<Counts>(sim, 'DELETE', '/requests')).body.total).toBe(0);
  });

  it('keeps the most requests of a route in flight at once: three held open, side by side', async () => {
    await control(sim, 'DELETE', '/requests');
    await control(sim, 'POST', '/faults', { route: 'GET /migration-tasks', hang: true, times: 3 });
    const held = [1, 2, 3].map(() => dcs.get('/migration-tasks').catch(() => 'closed'));
    await vi.waitFor(async () => expect((await control<Counts>(sim, 'GET', '/requests')).body.routes['GET /migration-tasks']).toBe(3));
    expect((await control<Counts>(sim, 'GET', '/requests')).body.peak_in_flight).toEqual({ 'GET /migration-tasks': 3 });
    await control(sim, 'DELETE', '/faults'); // closes the held requests
    await Promise.all(held);
    // Answered one after the other, a route's peak is 1; counting starts again from what is still open.
    await vi.waitFor(async () => expect((await control<Counts>(sim, 'DELETE', '/requests')).body.peak_in_flight).toEqual({}));
    await dcs.get('/migration-tasks');
    await dcs.get('/migration-tasks');
    expect((await control<Counts>(sim, 'GET', '/requests')).body.peak_in_flight).toEqual({ 'GET /migration-tasks': 1 });
  });
});

describe('faults', () => {
  it('answers the next N matching requests with the injected status, then recovers', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const added = await control(sim, 'POST', '/faults', { route: STOP, status: 503, times: 2 });
    expect(added.status).toBe(201);
    expect((await dcs.get(`/migration-task/${task.task_id}`)).status).toBe(200); // other route untouched
    for (let i = 0; i < 2; i++) {
      const res = await dcs.post<DcsErrorBody>(`/migration-task/${task.task_id}/stop`);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error_code: 'DCS.5000', error_msg: 'Internal service error.', error_ext_msg: null });
    }
    expect((await dcs.get<DcsMigrationTask>(`/migration-task/${task.task_id}`)).body.status).toBe('INCRMIGEATING');
    const third = await dcs.post<DcsMigrationTask>(`/migration-task/${task.task_id}/stop`);
    expect(third.status).toBe(200);
    expect(third.body.status).toBe('TERMINATING');
    expect((await control(sim, 'GET', '/faults')).body).toEqual({ faults: [], hung_requests: 0 });
  });

  it('throttles with 429 APIGW.0308, a request_id and Retry-After, on every route until cleared', async () => {
    await control(sim, 'POST', '/faults', { status: 429, retry_after: 3 });
    for (const path of ['/migration-tasks', '/anything']) {
      const res = await dcs.get<DcsErrorBody>(path);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(res.body.error_code).toBe('APIGW.0308');
      expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
      expect(res.body).not.toHaveProperty('error_ext_msg');
    }
    await control(sim, 'DELETE', '/faults');
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
  });

  it('uses a custom error code and message', async () => {
    await control(sim, 'POST', '/faults', { route: 'GET /migration-tasks', status: 403, error_code: 'DCS.2007', error_msg: 'Policy does not allow dcs:migrationTask:list to be performed.' });
    const res = await dcs.get<DcsErrorBody>('/migration-tasks');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error_code: 'DCS.2007', error_msg: 'Policy does not allow dcs:migrationTask:list to be performed.', error_ext_msg: null });
  });

  it('delays answers by latency_ms and then answers normally', async () => {
    await control(sim, 'POST', '/faults', { route: 'GET /migration-tasks', latency_ms: 250, times: 1 });
    const started = performance.now();
    const slow = await dcs.get('/migration-tasks');
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(slow.status).toBe(200);
    const again = performance.now();
    await dcs.get('/migration-tasks');
    expect(performance.now() - again).toBeLessThan(200);
  });

  it('drops the connection without an answer', async () => {
    await control(sim, 'POST', '/faults', { drop_connection: true, times: 1 });
    await expect(dcs.get('/migration-tasks')).rejects.toThrow();
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
  });

  it.each([
    [{ route: 'GET /nope', status: 500 }, /route must be one of/],
    [{ status: 200 }, /status must be an integer from 400 to 599/],
    [{}, /needs status, latency_ms, drop, drop_connection or hang/],
    [{ status: 500, times: 0 }, /times/],
    [{ status: 500, colour: 'red' }, /unknown field/],
    ['not an object', /JSON object/],
  ])('rejects the fault %j', async (fault, message) => {
    const res = await control<{ error: { message: string } }>(sim, 'POST', '/faults', fault);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('reset and forced statuses', () => {
  it('reset restores the seed, clears counters and faults', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    await dcs.post(`/migration-task/${task.task_id}/stop`);
    await control(sim, 'POST', '/faults', { route: 'GET /migration-task/{id}', status: 500 });
    const reset = await control(sim, 'POST', '/reset');
    expect(reset.body).toEqual({ ok: true, tasks: 24 });
    expect((await control<Counts>(sim, 'GET', '/requests')).body.total).toBe(0);
    const after = await dcs.get<DcsMigrationTask>(`/migration-task/${task.task_id}`);
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('INCRMIGEATING');
  });

  it('forces any status, known or not, and the DCS API follows it', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const id = task.task_id ?? '';
    const forced = await control<SimTask>(sim, 'POST', `/tasks/${id}/status`, { status: 'TERMINATED' });
    expect(forced.status).toBe(200);
    expect(forced.body.status).toBe('TERMINATED');
    expect((await dcs.get<DcsMigrationTask>(`/migration-task/${id}`)).body.status).toBe('TERMINATED');
    expect((await dcs.post<DcsErrorBody>(`/migration-task/${id}/stop`)).body.error_code).toBe('DCS.4957');

    await control(sim, 'POST', `/tasks/${id}/status`, { status: 'PAUSED_BY_OPS' });
    expect((await dcs.allTasks()).find((t) => t.task_id === id)?.status).toBe('PAUSED_BY_OPS');
    expect((await dcs.post(`/migration-task/${id}/stop`)).status).toBe(400);

    await control(sim, 'POST', `/tasks/${id}/status`, { status: 'INCRMIGEATING' });
    expect((await dcs.post<DcsMigrationTask>(`/migration-task/${id}/stop`)).body.status).toBe('TERMINATING');
  });

  it('shows the raw stored task and 404s unknown ones or bad bodies', async () => {
    const task = await dcs.taskWith('FAILED');
    const raw = await control<SimTask>(sim, 'GET', `/tasks/${task.task_id}`);
    expect(raw.body.task_id).toBe(task.task_id);
    expect(raw.body.error_message).toBe(task.error_message);
    expect(raw.body.sim.createdMs).toBe(Date.parse(task.created_at ?? ''));
    expect((await control(sim, 'GET', '/tasks/nope')).status).toBe(404);
    expect((await control(sim, 'POST', '/tasks/nope/status', { status: 'X' })).status).toBe(404);
    expect((await control(sim, 'POST', `/tasks/${task.task_id}/status`, { state: 'X' })).status).toBe(400);
    expect((await control(sim, 'GET', '/unknown')).status).toBe(404);
  });

  it('tells who it is without the secret key', async () => {
    const info = await control(sim, 'GET', '/info');
    expect(info.body).toMatchObject({ project_id: sim.projectId, ak: sim.ak, tasks: 24, seed: 42, stop_delay_ms: 60_000 });
    expect(JSON.stringify(info.body)).not.toContain(sim.sk);
  });

  it('accepts only loopback peers', () => {
    expect(['127.0.0.1', '127.10.0.2', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:192.168.1.2', '', undefined, '1127.0.0.1'].some(isLoopback)).toBe(false);
  });

  const externalIp = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(!externalIp)('refuses the control API with 403 to a non-loopback peer, still serves DCS', async () => {
    const remote = await startSimulator({ host: externalIp, port: 0 });
    try {
      const res = await fetch(`${remote.url}/__simulator/requests`);
      expect(res.status).toBe(403);
      expect((await dcsClient(remote).get('/migration-tasks')).status).toBe(200);
    } finally {
      await remote.close();
    }
  });
});
