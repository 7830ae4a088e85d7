// What the DCS client puts on the wire for each kind of credentials, seen by a plain HTTP server.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRequest } from '../../dcs/signer';
import { DcsClient } from './dcs-client';
import type { UpstreamAuth } from '../config/parse';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let server: Server;
let endpoint: URL;
const seen: Seen[] = [];
const projectId = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-request-id', 'upstream-req-1');
      res.end(JSON.stringify({ count: 0, migration_tasks: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(auth: UpstreamAuth, call: (client: DcsClient) => Promise<unknown>): Promise<Seen> {
  const client = new DcsClient({ endpoint, projectId, auth, connectTimeoutMs: 1000, timeoutMs: 2000 });
  seen.length = 0;
  await call(client);
  await client.close();
  return seen[0]!;
}

const verify = (request: Seen, sk: string) => {
  const url = new URL(request.url, endpoint);
  const query: Record<string, string> = Object.fromEntries(url.searchParams);
  return verifyRequest({ method: request.method, path: url.pathname, query, headers: request.headers, body: request.body }, () => sk);
};

describe('DcsClient on the wire', () => {
  it('permanent AK/SK: signs content-type, host, x-project-id and x-sdk-date like the official SDK', async () => {
    const request = await send({ kind: 'aksk', ak: 'AK1', sk: 'SK1' }, (c) => c.listMigrationTasks({ offset: 0, limit: 10, name: 'mig test+1/é' }));
    expect(request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(request.headers['x-project-id']).toBe(projectId);
    expect(request.url).toBe(`/v2/${projectId}/migration-tasks?limit=10&name=mig%20test%2B1%2F%C3%A9&offset=0`);
    expect(verify(request, 'SK1')).toEqual({ ok: true, ak: 'AK1' });
  });

  it('temporary AK/SK: sends X-Security-Token and signs it', async () => {
    const request = await send({ kind: 'aksk', ak: 'AK2', sk: 'SK2', securityToken: 'sts-token' }, (c) => c.showMigrationTask('task-1'));
    expect(request.headers['x-security-token']).toBe('sts-token');
    expect(request.headers.authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,');
    expect(verify(request, 'SK2')).toEqual({ ok: true, ak: 'AK2' });
    expect(verify({ ...request, headers: { ...request.headers, 'x-security-token': 'other' } }, 'SK2')).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('IAM token: sends X-Auth-Token and no signature', async () => {
    const request = await send({ kind: 'token', token: 'iam-token' }, (c) => c.stopMigrationTask('task-1'));
    expect(request.headers['x-auth-token']).toBe('iam-token');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['x-sdk-date']).toBeUndefined();
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/v2/${projectId}/migration-task/task-1/stop`);
  });

  it('signs the exact JSON body it sends', async () => {
    const request = await send({ kind: 'aksk', ak: 'AK3', sk: 'SK3' }, (c) => c.batchStopMigrationTasks(['a', 'b']));
    expect(request.body).toBe('{"migration_tasks":["a","b"]}');
    expect(verify(request, 'SK3')).toEqual({ ok: true, ak: 'AK3' });
  });
});
