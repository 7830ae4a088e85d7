// Two console processes, one PostgreSQL, one simulator, one identity provider: they behave as one
// console. Real processes (`tsx src/server/main.ts`, configured only by environment, as a
// deployment would), so "killed" means SIGKILL: nothing is released, closed or flushed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { expectConsole } from '../../api/testing/console-guard';
import { browse, CookieJar, freePort, OIDC_PROVIDER_WARNINGS, oidcEnv, signInAtProvider, startOidcProvider, type TestOidcProvider } from '../testing/oidc';
import { usePostgres } from '../testing/postgres';

expectConsole('warn', OIDC_PROVIDER_WARNINGS);

const SECRET = 'cluster-test-session-secret-0123456789abcdef';
const postgres = usePostgres();
let sim: RunningSimulator;
let idp: TestOidcProvider;
let dataDir: string;
const consoles: ChildProcess[] = [];

interface Instance {
  url: string;
  process: ChildProcess;
}

beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, stopDelayMs: 60_000 });
  dataDir = mkdtempSync(join(tmpdir(), 'dcs-cluster-'));
});
afterAll(async () => {
  for (const child of consoles) child.kill('SIGKILL');
  await Promise.all([sim?.close(), idp?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A console process on `port`, sharing the database; resolves once it answers /healthz. */
async function startInstance(port: number, database: string, env: Record<string, string> = {}): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      // The test's own date: under `faketime` (npm run test:date-shifted) the consoles must live on
      // the same shifted clock as the simulator and the provider in this process.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name === 'LD_PRELOAD' || name.startsWith('FAKETIME'))),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATA_DIR: join(dataDir, String(port)),
      DATABASE_URL: database,
      DCS_ENDPOINT: sim.url,
      DCS_REGION: 'test-region',
      DCS_PROJECT_ID: sim.projectId,
      HUAWEICLOUD_SDK_AK: sim.ak,
      HUAWEICLOUD_SDK_SK: sim.sk,
      ...oidcEnv(idp, `http://127.0.0.1:${consolePorts.a}`, SECRET, { AUTH_VIEWER_GROUPS: 'dcs-viewers', STOP_RATE_LIMIT: '1000' }),
      ...env,
    },
  });
  consoles.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await expect
    .poll(async () => (child.exitCode === null ? (await fetch(`${url}/healthz`).catch(() => null))?.status : `exited: ${stderr}`), { timeout: 30_000, interval: 100 })
    .toBe(200);
  return { url, process: child };
}

async function kill(instance: Instance): Promise<void> {
  const exited = new Promise((resolve) => instance.process.once('exit', resolve));
  instance.process.kill('SIGKILL');
  await exited;
}

const consolePorts = { a: 0, b: 0 };

/** Signs alice in on `a` (the provider redirects there) and returns her session cookie and CSRF token. */
async function signIn(a: Instance): Promise<{ cookie: string; csrf: string }> {
  const jar = new CookieJar();
  const start = await browse(jar, `${a.url}/auth/login`);
  const callback = await signInAtProvider(new CookieJar(), start.headers.get('location')!, 'alice', `${a.url}/auth/callback`);
  expect((await browse(jar, callback)).status).toBe(303);
  const cookie = jar.header();
  const session = (await (await fetch(`${a.url}/api/session`, { headers: { cookie } })).json()) as { csrf_token: string };
  return { cookie, csrf: session.csrf_token };
}

const api = (instance: Instance, who: { cookie: string; csrf: string }, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${instance.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

async function incrementalTasks(instance: Instance, who: { cookie: string; csrf: string }): Promise<string[]> {
  const list = (await (await api(instance, who, '/api/migration-tasks?status=INCRMIGEATING&limit=50')).json()) as { tasks: { task_id: string; migration_method?: string }[] };
  return list.tasks.filter((t) => t.migration_method === 'incremental_migration').map((t) => t.task_id);
}

const stopsSent = async () => ((await (await fetch(`${sim.url}/__simulator/requests`)).json()) as { routes: Record<string, number> }).routes['POST /migration-task/{id}/stop'] ?? 0;

describe('two console processes on one PostgreSQL', () => {
  it('share audit, sessions and watches: a watch survives the SIGKILL of its instance and is stopped once; sign-out and a changed group mapping hold everywhere', async () => {
    consolePorts.a = await freePort();
    consolePorts.b = await freePort();
    idp = await startOidcProvider({
      redirectUri: `http://127.0.0.1:${consolePorts.a}/auth/callback`,
      postLogoutRedirectUri: `http://127.0.0.1:${consolePorts.a}/`,
      accounts: { alice: { name: 'Alice Operator', groups: ['dcs-operators'] } },
    });
    const database = postgres.freshDatabase();
    let a = await startInstance(consolePorts.a, database);
    let b = await startInstance(consolePorts.b, database);
    const alice = await signIn(a);

    // The session made on A works on B; a stop through A is in B's audit trail at once.
    const [stopped, watched] = await incrementalTasks(b, alice);
    expect((await api(a, alice, `/api/migration-tasks/${stopped}/stop`, { method: 'POST', body: { reason: 'cluster' } })).status).toBe(200);
    const audit = (await (await api(b, alice, `/api/audit?task_id=${stopped}`)).json()) as { records: { user: string; user_subject: string; reason: string }[] };
    expect(audit.records).toEqual([expect.objectContaining({ user: 'alice', reason: 'cluster', user_subject: expect.stringMatching(/\|alice$/) })]);
    // The progress history is kept in the shared database: B answers it for a task read through A.
    expect((await api(a, alice, `/api/migration-tasks/${stopped}/history`)).status).toBe(200);
    expect((await api(b, alice, `/api/migration-tasks/${stopped}/history`)).status).toBe(200);

    // A watch set through A, polled by A; A is killed; B takes it over and stops the task once.
    await fetch(`${sim.url}/__simulator/tasks/${watched}/progress`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"offset":5000}' });
    const scheduled = await api(a, alice, `/api/migration-tasks/${watched}/stop-when-caught-up`, { method: 'POST', body: { threshold: 0, consecutive_polls: 2, poll_interval_s: 2 } });
    expect(scheduled.status).toBe(201);
    const stopsBefore = await stopsSent();
    await kill(a);
    await fetch(`${sim.url}/__simulator/tasks/${watched}/progress`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"offset":0}' });
    await expect
      .poll(async () => ((await (await api(b, alice, `/api/migration-tasks/${watched}/stop-when-caught-up`)).json()) as { watch: { state: string } }).watch.state, { timeout: 30_000, interval: 250 })
      .toBe('done');
    expect(await stopsSent()).toBe(stopsBefore + 1);

    // A comes back. Sign-out on B ends the session on A too.
    a = await startInstance(consolePorts.a, database);
    expect((await api(a, alice, '/api/session')).status).toBe(200);
    expect((await api(b, alice, '/auth/logout', { method: 'POST' })).status).toBeLessThan(400);
    const replayed = await api(a, alice, '/api/session');
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    // A new sign-in; B restarted with a mapping without alice's group: no operator rights on B.
    const again = await signIn(a);
    await kill(b);
    b = await startInstance(consolePorts.b, database, { AUTH_OPERATOR_GROUPS: 'dcs-admins' });
    const onB = (await (await api(b, again, '/api/session')).json()) as { roles: string[]; allowed_actions: string[] };
    expect(onB.roles).toEqual([]);
    expect(onB.allowed_actions).not.toContain('migrationTask:stop');
    const [another] = await incrementalTasks(a, again);
    expect((await api(b, again, `/api/migration-tasks/${another}/stop`, { method: 'POST', body: {} })).status).toBe(403);
    expect((await (await api(a, again, '/api/session')).json()) as { roles: string[] }).toMatchObject({ roles: ['operator'] });
  }, 120_000);
});
