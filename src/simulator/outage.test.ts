// Whole-simulator outages (POST /down, /up) and hung requests (hang faults).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from './index';
import { control, dcsClient } from './testing';

const T0 = Date.parse('2025-01-15T08:30:00.000Z');
let clock = T0;
let sim: RunningSimulator;
let dcs: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock });
  dcs = dcsClient(sim, () => clock);
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = T0;
  await control(sim, 'POST', '/reset');
});

interface Info {
  down: boolean;
  down_until: string | null;
}
const info = async () => (await control<Info>(sim, 'GET', '/info')).body;

/** The low-level cause of a failed fetch (e.g. ECONNRESET, UND_ERR_SOCKET). */
async function failure(request: Promise<unknown>): Promise<{ name: string; code: string | undefined }> {
  const error = await request.then(
    () => expect.fail('the request was answered'),
    (e: Error & { cause?: { code?: string } }) => e,
  );
  return { name: error.name, code: error.cause?.code };
}

async function waitForHung(target: RunningSimulator, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await control<{ hung_requests: number }>(target, 'GET', '/faults')).body.hung_requests === n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never saw ${n} hung request(s)`);
}

describe('simulator down', () => {
  it('resets every DCS connection until /up, while the control API still answers', async () => {
    expect(await info()).toMatchObject({ down: false, down_until: null });
    expect((await control(sim, 'POST', '/down')).body).toEqual({ down: true, down_until: null });
    expect(await info()).toMatchObject({ down: true, down_until: null });
    for (const path of ['/migration-tasks', '/no-such-route']) {
      const { name, code } = await failure(dcs.get(path));
      expect(name).toBe('TypeError'); // fetch failed: no status line at all
      expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(code);
    }
    expect((await control(sim, 'GET', '/requests')).body).toMatchObject({ total: 2 });
    expect((await control(sim, 'POST', '/up')).body).toEqual({ down: false, down_until: null });
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
    expect(await info()).toMatchObject({ down: false });
  });

  it('for_ms: comes back up by itself on the simulator clock', async () => {
    expect((await control(sim, 'POST', '/down', { for_ms: 5000 })).body).toEqual({ down: true, down_until: '2025-01-15T08:30:05.000Z' });
    clock = T0 + 4999;
    await expect(dcs.get('/migration-tasks')).rejects.toThrow();
    clock = T0 + 5000;
    expect(await info()).toMatchObject({ down: false, down_until: null });
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
  });

  it('reset brings it up; bad bodies are refused', async () => {
    await control(sim, 'POST', '/down', {});
    await control(sim, 'POST', '/reset');
    expect((await dcs.get('/migration-tasks')).status).toBe(200);
    for (const body of [{ for_ms: 0 }, { for_ms: 1.5 }, { minutes: 1 }, [1]]) {
      const res = await control<{ error: { code: string } }>(sim, 'POST', '/down', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_down');
    }
    expect(await info()).toMatchObject({ down: false });
  });
});

describe('hung requests', () => {
  it('never answers until DELETE /faults closes them; later requests are answered', async () => {
    await control(sim, 'POST', '/faults', { route: 'GET /migration-tasks', hang: true, times: 1 });
    const hung = dcs.get('/migration-tasks', { signal: AbortSignal.timeout(5000) });
    const outcome = hung.then(
      () => 'answered',
      (e: Error) => e.name,
    );
    await waitForHung(sim, 1);
    const early = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('pending'), 300))]);
    expect(early).toBe('pending');
    expect((await dcs.get('/migration-tasks')).status).toBe(200); // times: 1 used up
    expect((await control(sim, 'DELETE', '/faults')).body).toEqual({ faults: [], hung_requests_closed: 1 });
    expect(await outcome).toBe('TypeError'); // the socket closed, not our 5 s timeout
    expect((await control(sim, 'GET', '/faults')).body).toEqual({ faults: [], hung_requests: 0 });
  });

  it('a reset drops a request still waiting out its latency: a stop sent before it never stops a re-seeded task', async () => {
    const task = (await dcs.get<{ migration_tasks: { task_id: string; status: string }[] }>('/migration-tasks', { query: { limit: 100 } })).body.migration_tasks.find(
      (t) => t.status === 'INCRMIGEATING',
    )!;
    await control(sim, 'POST', '/faults', { route: 'POST /migration-task/{id}/stop', latency_ms: 2000, times: 1 });
    const late = failure(dcs.post(`/migration-task/${task.task_id}/stop`, { signal: AbortSignal.timeout(10_000) }));
    // Arrived (counted), and waiting out its latency.
    for (let i = 0; (await control<{ routes: Record<string, number> }>(sim, 'GET', '/requests')).body.routes['POST /migration-task/{id}/stop'] !== 1; i++) {
      if (i > 200) throw new Error('the stop never arrived');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await control(sim, 'POST', '/reset');
    const { name, code } = await late;
    expect(name).toBe('TypeError'); // the connection closed: no answer, and no stop
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(code);
    expect((await dcs.get<{ status: string }>(`/migration-task/${task.task_id}`)).body.status).toBe('INCRMIGEATING');
  });

  it('forgets a hung request whose client gave up', async () => {
    await control(sim, 'POST', '/faults', { hang: true, times: 1 });
    const { name } = await failure(dcs.get('/migration-tasks', { signal: AbortSignal.timeout(200) }));
    expect(name).toBe('TimeoutError');
    await waitForHung(sim, 0);
  });

  it('close() finishes promptly with a hung request open', async () => {
    const own = await startSimulator({ port: 0 });
    await control(own, 'POST', '/faults', { hang: true });
    const hung = failure(dcsClient(own).get('/migration-tasks', { signal: AbortSignal.timeout(10_000) }));
    await waitForHung(own, 1);
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await hung).name).toBe('TypeError');
  });
});
