import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { buildApp } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import type { AppTarget } from './registry';
import type { FastifyInstance } from 'fastify';

let sims: RunningSimulator[];
let app: FastifyInstance;

const target = (id: string, sim: RunningSimulator, simulated: boolean): AppTarget => ({
  id,
  label: `Label ${id}`,
  region: `region-${id}`,
  simulated,
  dcs: { endpoint: new URL(sim.url), projectId: sim.projectId, auth: { kind: 'aksk', ak: sim.ak, sk: sim.sk }, connectTimeoutMs: 1000, timeoutMs: 2000 },
});

beforeAll(async () => {
  sims = [
    await startSimulator({ host: '127.0.0.1', port: 0, seed: 1, tasks: 14 }),
    await startSimulator({ host: '127.0.0.1', port: 0, seed: 2, tasks: 20, projectId: 'c'.repeat(32) }),
  ];
  app = await buildApp({ targets: [target('east', sims[0]!, true), target('west', sims[1]!, false)], staticDir: null, logLevel: 'silent', audit: openSqliteAuditStore(':memory:') });
});
afterAll(async () => {
  await app.close();
  await Promise.all(sims.map((s) => s.close()));
});

describe('several targets', () => {
  it('GET /api/targets lists them without credentials', async () => {
    const res = await app.inject({ url: '/api/targets' });
    expect(res.json().targets).toEqual([
      { id: 'east', label: 'Label east', region: 'region-east', project_id: sims[0]!.projectId, endpoint_host: new URL(sims[0]!.url).host, simulated: true },
      { id: 'west', label: 'Label west', region: 'region-west', project_id: 'c'.repeat(32), endpoint_host: new URL(sims[1]!.url).host, simulated: false },
    ]);
    for (const sim of sims) expect(res.body).not.toContain(sim.sk);
  });

  it('routes each request to the target named by ?target=, the first by default', async () => {
    expect((await app.inject({ url: '/api/migration-tasks' })).json().count).toBe(14);
    expect((await app.inject({ url: '/api/migration-tasks?target=east' })).json().count).toBe(14);
    const west = (await app.inject({ url: '/api/migration-tasks?target=west&limit=1' })).json();
    expect(west.count).toBe(20);
    const detail = await app.inject({ url: `/api/migration-tasks/${west.tasks[0].task_id}?target=west` });
    expect(detail.json().task_id).toBe(west.tasks[0].task_id);
    expect((await app.inject({ url: `/api/migration-tasks/${west.tasks[0].task_id}?target=east` })).statusCode).toBe(404);
  });

  it('an unknown target is refused before anything goes upstream', async () => {
    const res = await app.inject({ url: '/api/migration-tasks?target=north' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('UNKNOWN_TARGET');
    expect((await app.inject({ url: '/api/migration-tasks?target=NOT%20VALID' })).json().error.code).toBe('INVALID_QUERY');
  });
});

describe('POST /api/migration-tasks/batch-stop', () => {
  const post = async (payload: unknown, query = '') => {
    const session = await app.inject({ url: '/api/session' });
    const token = session.json().csrf_token;
    return app.inject({
      method: 'POST',
      url: `/api/migration-tasks/batch-stop${query}`,
      headers: { cookie: `dcs_csrf=${token}`, 'x-csrf-token': token, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
  };

  it('passes the per-task verdict through, including refusals with their DCS code', async () => {
    const all = (await app.inject({ url: '/api/migration-tasks?limit=1000&target=west' })).json().tasks as { task_id: string; status: string }[];
    const running = all.find((t) => t.status === 'INCRMIGEATING')!;
    const finished = all.find((t) => t.status === 'SUCCESS')!;
    const res = await post({ task_ids: [running.task_id, finished.task_id] }, '?target=west');
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results).toEqual([
      expect.objectContaining({ task_id: running.task_id, result: 'success' }),
      expect.objectContaining({ task_id: finished.task_id, result: 'failed', error_code: 'DCS.4957' }),
    ]);
    const after = await app.inject({ url: `/api/migration-tasks/${running.task_id}?target=west` });
    expect(after.json().status).toBe('TERMINATING');
  });

  it.each([
    [{}, /task_ids/],
    [{ task_ids: [] }, /at least one/],
    [{ task_ids: Array.from({ length: 51 }, (_, i) => `task-${i}`) }, /at most 50/],
    [{ task_ids: ['a', 'a'] }, /must not repeat/],
    [{ task_ids: ['bad id!'] }, /task_ids\.0/],
    [{ task_ids: ['a'], extra: true }, /extra|Unrecognized/i],
  ])('refuses %j with INVALID_BODY and calls nothing upstream', async (payload, message) => {
    const before = ((await (await fetch(`${sims[0]!.url}/__simulator/requests`)).json()) as { total: number }).total;
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_BODY');
    expect(res.json().error.message).toMatch(message);
    const after = ((await (await fetch(`${sims[0]!.url}/__simulator/requests`)).json()) as { total: number }).total;
    expect(after).toBe(before);
  });
});
