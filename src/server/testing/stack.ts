// A real simulator on loopback and a console app in front of it, for server tests. The audit
// trail is a real SQLite database in a fresh temporary folder; sessions and stop counts an in-memory one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ManualClock } from '../../dcs/testing/manual-clock';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator';
import { buildApp, type AppOptions } from '../app';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import type { AuditStore } from '../audit/store';
import { openSqliteSessionStore } from '../auth/session-store';
import { demoAuthConfig, type UpstreamAuth } from '../config';
import type { DcsClientOptions } from '../upstream/dcs-client';

export interface TestStack {
  app: FastifyInstance;
  /** The one clock of the simulator, the app and the audit trail: time moves only when a test moves it. */
  clock: ManualClock;
  simulator: RunningSimulator;
  logs: string[];
  audit: AuditStore;
  /** The folder of the audit database (DATA_DIR). */
  dataDir: string;
  /** Requests the simulator received, per route template. */
  upstreamRequests(): Promise<{ total: number; routes: Record<string, number> }>;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  csrf(): Promise<{ cookie: string; token: string }>;
  close(): Promise<void>;
}

export async function startTestStack(
  options: {
    simulator?: SimulatorOptions;
    app?: Partial<AppOptions>;
    auth?: (sim: RunningSimulator) => UpstreamAuth;
    /** Overrides of the test target's DCS client options (timeouts, retries). */
    dcs?: Partial<DcsClientOptions>;
    /** Default: a ManualClock at MANUAL_CLOCK_START_MS. */
    clock?: ManualClock;
  } = {},
): Promise<TestStack> {
  const clock = options.clock ?? new ManualClock();
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0, stopDelayMs: 300, now: clock.now, ...options.simulator });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'dcs-console-audit-'));
  const audit = options.app?.audit ?? openSqliteAuditStore(dataDir, { now: () => new Date(clock.now()) });
  // AUTH_MODE=none; tests of the stop rate limit pass their own auth settings.
  const auth = options.app?.auth ?? { ...demoAuthConfig(), stopRateLimit: 10_000 };
  const sessions = options.app?.sessions ?? openSqliteSessionStore(':memory:', auth.session);
  const app = await buildApp({
    targets: [
      {
        id: 'test',
        label: 'Test region',
        region: 'test-region',
        simulated: true,
        dcs: {
          endpoint: new URL(simulator.url),
          projectId: simulator.projectId,
          auth: options.auth?.(simulator) ?? { kind: 'aksk', ak: simulator.ak, sk: simulator.sk },
          connectTimeoutMs: 1000,
          timeoutMs: 1500,
          ...options.dcs,
        },
      },
    ],
    staticDir: null,
    logLevel: 'info',
    logStream,
    auth,
    clock: clock.now,
    // No background timers: a history sample or a watch poll on the wall clock would reach the
    // simulator at a moment no test chose. Tests run them with historySampler.tick(), caughtUp.pollDue()
    // and taskObserver.tick().
    history: { sampler: { intervalMs: 0 } },
    caughtUp: { tickMs: 0 },
    overview: { intervalMs: 0 },
    ...options.app,
    audit,
    sessions,
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${simulator.url}/__simulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    app,
    clock,
    simulator,
    logs,
    audit,
    dataDir,
    upstreamRequests: () => control('GET', '/requests') as Promise<{ total: number; routes: Record<string, number> }>,
    control,
    async csrf() {
      const res = await app.inject({ method: 'GET', url: '/api/session' });
      const token = res.json().csrf_token as string;
      return { cookie: `dcs_csrf=${token}`, token };
    },
    async close() {
      await app.close();
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function errorOf(res: LightMyRequestResponse) {
  return res.json().error as { code: string; message: string; request_id: string; upstream?: Record<string, unknown> };
}
