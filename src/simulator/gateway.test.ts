// What the simulated API gateway checks before the service: signature, project, route.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import { signRequest } from '../dcs/signer';
import { startSimulator, type RunningSimulator } from './index';
import { control, dcsClient } from './testing';

const T0 = Date.parse('2025-01-15T08:30:00.000Z');
let clock = T0;
let sim: RunningSimulator;
let dcs: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock, stopDelayMs: 5000 });
  dcs = dcsClient(sim, () => clock);
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = T0;
  expect((await control(sim, 'POST', '/reset')).status).toBe(200);
});

describe('gateway checks', () => {
  const gatewayError = (code: string) => ({ error_code: code, error_msg: expect.any(String), request_id: expect.stringMatching(/^[0-9a-f]{32}$/) });

  it('refuses unsigned, wrongly signed, unknown-AK and stale requests with 401 APIGW.0301', async () => {
    const cases = [
      { unsigned: true },
      { sk: 'not-the-secret' },
      { ak: 'UNKNOWNAK00000000000' },
      { date: new Date(clock - 16 * 60_000) },
      { date: new Date(clock + 16 * 60_000) },
      { query: { limit: 10 }, tamper: { query: { limit: 11 } } },
    ];
    const messages = new Set<unknown>();
    for (const options of cases) {
      const res = await dcs.get<DcsErrorBody>('/migration-tasks', options);
      expect(res.status, JSON.stringify(options)).toBe(401);
      expect(res.body).toEqual(gatewayError('APIGW.0301'));
      expect(res.body.error_msg).toMatch(/^Incorrect IAM authentication information: /);
      expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
      messages.add(res.body.error_msg);
    }
    expect(messages.size).toBeGreaterThanOrEqual(4);
    const tamperedBody = await dcs.post('/migration-task/batch-stop', {
      body: JSON.stringify({ migration_tasks: ['a'] }),
      tamper: { body: JSON.stringify({ migration_tasks: ['b'] }) },
    });
    expect(tamperedBody.status).toBe(401);
    const withinSkew = await dcs.get('/migration-tasks', { date: new Date(clock - 14 * 60_000) });
    expect(withinSkew.status).toBe(200);
  });

  it('refuses another project with 401 DCS.1004 (service error shape)', async () => {
    const res = await dcs.get<DcsErrorBody>('/migration-tasks', { projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error_code: 'DCS.1004', error_msg: expect.any(String), error_ext_msg: null });
  });

  it('answers 404 APIGW.0101 for unknown paths and methods, even when signed', async () => {
    const cases: [string, string][] = [
      ['GET', '/migration-task'],
      ['GET', '/instances'],
      ['DELETE', '/migration-tasks'],
      ['GET', '/migration-task/batch-stop/x/y'],
      ['POST', '/migration-task/3f6b2c1e-8d4a-4e57-9b1c-2a7d9e0f4c55'],
      ['GET', '/migration-task/3f6b2c1e-8d4a-4e57-9b1c-2a7d9e0f4c55/stop'],
    ];
    for (const [method, path] of cases) {
      const res = await dcs.call<DcsErrorBody>(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toEqual(gatewayError('APIGW.0101'));
    }
    const outside = await fetch(`${sim.url}/v3/auth/tokens`);
    expect(outside.status).toBe(404);
    expect(outside.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives every response its own request id', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) ids.add((await dcs.get('/migration-tasks')).headers.get('x-request-id'));
    expect(ids.size).toBe(5);
  });

  it('accepts the minimal Go-SDK style signature (host;x-sdk-date only), with a repeated query parameter', async () => {
    const path = `/v2/${sim.projectId}/migration-tasks`;
    const host = new URL(sim.url).host;
    const query = { limit: '5', name: ['mig', 'x'] };
    const signed = signRequest({ method: 'GET', path, query, host }, { ak: sim.ak, sk: sim.sk }, new Date(clock));
    expect(signed.Authorization).toContain('SignedHeaders=host;x-sdk-date,');
    const res = await fetch(`${sim.url}${path}?limit=5&name=x&name=mig`, {
      headers: { 'X-Sdk-Date': signed['X-Sdk-Date'], Authorization: signed.Authorization },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { migration_tasks: unknown[] }).migration_tasks.length).toBeLessThanOrEqual(5);
  });
});
