// The simulator's gateway against the OFFICIAL Huawei Cloud Node core SDK as the client: requests
// are signed by @huaweicloud/huaweicloud-sdk-core (HcClient.buildRequest → BasicCredentials →
// AKSKSigner, see src/dcs/testing/official-signer.ts) and sent with fetch exactly as the SDK's
// DefaultHttpClient would put them on the wire. Untouched requests must be accepted; any change
// after signing (path, query, body, signed header) or a stale X-Sdk-Date must be refused with
// 401 APIGW.0301. One test also goes end to end through the SDK's own axios client.
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import { DefaultHttpClient } from '@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DcsErrorBody } from '../dcs/errors';
import { STOPPABLE_STATUSES } from '../dcs/status';
import { officialOptions, officialSign, type OfficialRequest, type OfficialSigned } from '../dcs/testing/official-signer';
import type { DcsBatchStopResponse, DcsListMigrationTasksResponse, DcsMigrationTask, DcsMigrationTaskListItem } from '../dcs/types';
import { startSimulator, type RunningSimulator } from './index';
import { control } from './testing';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: '127.0.0.1', stopDelayMs: 200 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  expect((await control(sim, 'POST', '/reset')).status).toBe(200);
});
afterEach(() => {
  vi.useRealTimers();
});

type Req = Omit<OfficialRequest, 'endpoint'>;

/** Signs with the official SDK; `at` freezes the SDK's clock (only Date is faked, only while signing). */
async function sdkSign(req: Req, options: { at?: number; securityToken?: string } = {}): Promise<OfficialSigned> {
  if (options.at !== undefined) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(options.at);
  }
  try {
    return await officialSign(
      { ...req, endpoint: sim.url },
      { ak: sim.ak, sk: sim.sk, projectId: sim.projectId, securityToken: options.securityToken },
    );
  } finally {
    vi.useRealTimers();
  }
}

interface Sent<T> {
  status: number;
  body: T;
}

/** Sends what the SDK signed; `change` alters the request after signing. */
async function send<T = unknown>(
  signed: OfficialSigned,
  change: { url?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Sent<T>> {
  // fetch derives Host from the URL itself; it must be what the SDK signed.
  const { host, ...headers } = signed.headers;
  expect(host).toBe(new URL(sim.url).host);
  const res = await fetch(change.url ?? signed.wireUrl, {
    method: signed.request.method,
    headers: { ...headers, ...change.headers },
    body: change.body ?? signed.body,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

const list = (queryParams: Req['queryParams'] = {}): Req => ({ method: 'GET', url: '/v2/{project_id}/migration-tasks', queryParams });
const detail = (id: string): Req => ({ method: 'GET', url: '/v2/{project_id}/migration-task/{task_id}', pathParams: { task_id: id } });
const stop = (id: string): Req => ({ method: 'POST', url: '/v2/{project_id}/migration-task/{task_id}/stop', pathParams: { task_id: id } });
const batchStop = (ids: string[]): Req => ({ method: 'POST', url: '/v2/{project_id}/migration-task/batch-stop', data: { migration_tasks: ids } });

async function allTasks(): Promise<DcsMigrationTaskListItem[]> {
  const res = await send<DcsListMigrationTasksResponse>(await sdkSign(list({ offset: 0, limit: 1000 })));
  expect(res.status).toBe(200);
  return res.body.migration_tasks ?? [];
}
async function stoppableIds(n: number): Promise<string[]> {
  const stoppable: readonly string[] = STOPPABLE_STATUSES;
  const ids = (await allTasks()).filter((t) => stoppable.includes(t.status ?? '')).map((t) => t.task_id ?? '');
  expect(ids.length).toBeGreaterThanOrEqual(n);
  return ids.slice(0, n);
}

function expectGatewayAuthFailure(res: Sent<unknown>, what: string): void {
  expect(res.status, what).toBe(401);
  expect((res.body as DcsErrorBody).error_code, what).toBe('APIGW.0301');
}

describe('requests signed by the official Huawei Cloud SDK', () => {
  it('are accepted: list (with paging and an encoded name), detail, stop and batch stop', async () => {
    const page = await sdkSign(list({ offset: 0, limit: 5 }));
    expect(page.authorization).toMatch(/^SDK-HMAC-SHA256 Access=\S+, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    const listed = await send<DcsListMigrationTasksResponse>(page);
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBeGreaterThan(5);
    expect(listed.body.migration_tasks).toHaveLength(5);

    // The SDK puts `%20`, `%2B`, `%2F`, `%25`, raw `*` and UTF-8 on the wire; the simulator must
    // verify the decoded map, as the gateway does.
    const named = await sdkSign(list({ offset: 0, limit: 10, name: 'mig test+a/b%c*~迁移' }));
    expect(named.wireUrl).toContain('name=mig%20test%2Ba%2Fb%25c*~%E8%BF%81%E7%A7%BB');
    const byName = await send<DcsListMigrationTasksResponse>(named);
    expect(byName.status).toBe(200);
    expect(byName.body.migration_tasks).toEqual([]);

    const first = listed.body.migration_tasks?.[0]?.task_id ?? '';
    const shown = await send<DcsMigrationTask>(await sdkSign(detail(first)));
    expect(shown.status).toBe(200);
    expect(shown.body.task_id).toBe(first);

    const [a, b, c] = await stoppableIds(3);
    const stopSigned = await sdkSign(stop(a!));
    expect(stopSigned.body).toBeUndefined(); // empty POST: payload hash of ''
    const stopped = await send<DcsMigrationTask>(stopSigned);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ task_id: a, status: 'TERMINATING' });

    const batchSigned = await sdkSign(batchStop([b!, c!]));
    expect(batchSigned.body).toBe(JSON.stringify({ migration_tasks: [b, c] }));
    const batch = await send<DcsBatchStopResponse>(batchSigned);
    expect(batch.status).toBe(200);
    expect(batch.body.migration_tasks).toEqual([
      { result: 'success', task_id: b },
      { result: 'success', task_id: c },
    ]);
  });

  it('are accepted with temporary credentials (X-Security-Token signed)', async () => {
    const signed = await sdkSign(list({ limit: 3 }), { securityToken: 'ExampleSecurityTokenValue0123456789+/=' });
    expect(signed.headers['X-Security-Token']).toBe('ExampleSecurityTokenValue0123456789+/=');
    expect(signed.authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,');
    const res = await send<DcsListMigrationTasksResponse>(signed);
    expect(res.status).toBe(200);
    expect(res.body.migration_tasks).toHaveLength(3);
    // The token is a signed header: swapping it after signing breaks the signature.
    expectGatewayAuthFailure(await send(signed, { headers: { 'X-Security-Token': 'AnotherToken' } }), 'security token changed');
  });

  it('go end to end through the SDK’s own HTTP client (axios) as well', async () => {
    const credentials = new BasicCredentials({ ak: sim.ak, sk: sim.sk, projectId: sim.projectId });
    const client = new HcClient(new DefaultHttpClient({}, [sim.url])).withCredential(credentials).withEndpoints([sim.url]);
    const res = await client.sendRequest<DcsListMigrationTasksResponse & { httpStatusCode?: number }>(
      officialOptions({ ...list({ offset: 1, limit: 2, name: 'no such task' }), endpoint: sim.url }),
    );
    expect(res.httpStatusCode).toBe(200);
    expect(res.migration_tasks).toEqual([]);
    const [id] = await stoppableIds(1);
    const batch = await client.sendRequest<DcsBatchStopResponse & { httpStatusCode?: number }>(
      officialOptions({ ...batchStop([id!]), endpoint: sim.url }),
    );
    expect(batch.httpStatusCode).toBe(200);
    expect(batch.migration_tasks).toEqual([{ result: 'success', task_id: id }]);
  });
});

describe('requests changed after the official SDK signed them', () => {
  it('are refused with 401 APIGW.0301, while the untouched originals are accepted', async () => {
    const [a, b, c] = await stoppableIds(3);

    // Path: another task id.
    const shown = await sdkSign(detail(a!));
    expectGatewayAuthFailure(await send(shown, { url: shown.wireUrl.replace(a!, b!) }), 'path changed');
    expect((await send(shown)).status).toBe(200);

    // Query: limit changed.
    const page = await sdkSign(list({ offset: 0, limit: 5 }));
    expect(page.wireUrl).toMatch(/[?&]limit=5(&|$)/);
    expectGatewayAuthFailure(await send(page, { url: page.wireUrl.replace('limit=5', 'limit=6') }), 'query changed');
    expect((await send(page)).status).toBe(200);

    // Body: other ids in the batch stop (refused before the service runs: nothing is stopped).
    const batch = await sdkSign(batchStop([a!]));
    expectGatewayAuthFailure(await send(batch, { body: JSON.stringify({ migration_tasks: [c] }) }), 'body changed');
    const statusOf = async (id: string) => (await send<DcsMigrationTask>(await sdkSign(detail(id)))).body.status;
    expect(await statusOf(c!)).not.toBe('TERMINATING');
    expect((await send(batch)).status).toBe(200);

    // Signed header: X-Project-Id changed (the signature check comes before the project check).
    const other = await sdkSign(detail(b!));
    expectGatewayAuthFailure(
      await send(other, { headers: { 'X-Project-Id': '0a1b2c3d4e5f60718293a4b5c6d7e8f9' } }),
      'x-project-id changed',
    );
    expect((await send(other)).status).toBe(200);
  });

  it('are refused when signed with a clock 20 minutes behind (stale X-Sdk-Date)', async () => {
    const stale = await sdkSign(list({ limit: 1 }), { at: Date.now() - 20 * 60_000 });
    const res = await send<DcsErrorBody>(stale);
    expectGatewayAuthFailure(res, 'stale date');
    expect(res.body.error_msg).toMatch(/15 minutes/);
    const fresh = await sdkSign(list({ limit: 1 }));
    expect(fresh.sdkDate).not.toBe(stale.sdkDate);
    expect((await send(fresh)).status).toBe(200);
  });
});
