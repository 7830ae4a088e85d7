// The SPA fallback answers index.html for page paths only: API, sign-in, probe, asset and
// `/__…` or `/.…` paths that match no route get a 404 ROUTE_NOT_FOUND in JSON.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

let stack: TestStack;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcs-console-spa-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(dir, 'assets', 'index-abc.js.map'), '{"version":3,"sourcesContent":["secret source"]}');
  stack = await startTestStack({ app: { staticDir: dir } });
});
afterAll(async () => {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

const navigate = (url: string) => stack.app.inject({ url, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

describe('SPA fallback', () => {
  it.each(['/', '/activity', '/targets/sim/tasks/abc', '/tasks/abc/logs', '/no/such/page'])('%s is a page: index.html', async (url) => {
    const res = await navigate(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it.each([
    '/__simulator/info',
    '/__simulator/faults',
    '/_internal',
    '/.well-known/security.txt',
    '/.env',
    '/api/nothing-here',
    '/API/nothing-here',
    '/auth/whatever',
    '/assets/missing-chunk',
    '/metrics/extra',
  ])('%s is no page: 404 ROUTE_NOT_FOUND in JSON', async (url) => {
    const res = await navigate(url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(errorOf(res).code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('source maps', () => {
  it('are never served, even when a build left one among the assets', async () => {
    expect((await stack.app.inject({ url: '/assets/index-abc.js' })).statusCode).toBe(200);
    for (const url of ['/assets/index-abc.js.map', '/assets/INDEX-abc.js.map', '/assets/index-abc.js.map?x=1']) {
      const res = await stack.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('secret source');
    }
  });
});
