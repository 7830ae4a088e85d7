// The composition root: reads the configuration, starts the embedded DCS simulator when no cloud
// endpoint is set, and serves the console. The only server file that knows the simulator exists.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { simulatorOptionsFromEnv, startSimulator, type RunningSimulator } from '../simulator';
import { openPostgresAlertStore, openSqliteAlertStore } from './alerts/outbox-store';
import { buildApp } from './app';
import type { SqlAuditStore } from './audit/sql-store';
import { openPostgresAuditStore, openSqliteAuditStore } from './audit/sqlite-store';
import { openPostgresWatchStore, openSqliteWatchStore } from './caught-up/watch-store';
import { openPostgresHistoryStore } from './history/shared-store';
import { openPostgresStatusRecord, openSqliteStatusRecord } from './overview/status-record';
import { openPostgresSessionStore, openSqliteSessionStore } from './auth/session-store';
import { ConfigError, loadConfig, type CloudTarget, type ConsoleConfig } from './config';
import type { AppTarget } from './targets/registry';

const DIST_WEB = fileURLToPath(new URL('../../dist/web', import.meta.url));
const SECOND_SIMULATED_PROJECT = '7e6f5d4c3b2a19080f1e2d3c4b5a6978';
/** How long a shutdown waits for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningConsole {
  app: FastifyInstance;
  url: string;
  simulators: RunningSimulator[];
  close(): Promise<void>;
}

export interface ConsoleOverrides {
  port?: number;
  staticDir?: string | null;
  /** Tests only: the overview reads each target this often, below the 5 s OVERVIEW_SCAN_INTERVAL_S allows. */
  overviewScanIntervalMs?: number;
}

export async function startConsole(env: NodeJS.ProcessEnv, overrides: ConsoleOverrides = {}): Promise<RunningConsole> {
  const config = loadConfig(env);
  const audit = await openAuditStore(config, env.DATA_DIR || './data');
  const sessions = await openReadyStore(config, () =>
    config.databaseUrl ? openPostgresSessionStore(config.databaseUrl, config.auth.session) : openSqliteSessionStore(env.DATA_DIR || './data', config.auth.session),
  );
  // The watches beside the audit trail: several instances on one DATABASE_URL run each watch once.
  const watches = await openReadyStore(config, () => (config.databaseUrl ? openPostgresWatchStore(config.databaseUrl) : openSqliteWatchStore(env.DATA_DIR || './data')));
  // Several instances keep one progress history in the database; one instance keeps it in DATA_DIR.
  const sharedHistory = config.databaseUrl ? await openReadyStore(config, () => openPostgresHistoryStore(config.databaseUrl!, { now: Date.now })) : undefined;
  // The alert outbox, only with a webhook set: several instances on one DATABASE_URL send each alert once.
  const alertStore = config.alerts.webhooks.length === 0 ? undefined : await openReadyStore(config, () => (config.databaseUrl ? openPostgresAlertStore(config.databaseUrl) : openSqliteAlertStore(env.DATA_DIR || './data')));
  // What the console read of each task's status, kept across restarts: the list's "last changed".
  const statusRecord = await openReadyStore(config, () => (config.databaseUrl ? openPostgresStatusRecord(config.databaseUrl) : openSqliteStatusRecord(env.DATA_DIR || './data')));
  const simulators: RunningSimulator[] = [];
  let targets: AppTarget[];
  if (config.targets) {
    targets = config.targets.map((target) => toAppTarget(target, false, config));
  } else {
    // Embedded demo: two simulated regions, each a separate HTTP service on loopback that the
    // console talks to exactly as to the cloud (same client, same signing).
    const base = simulatorOptionsFromEnv(env);
    // SIMULATOR_PORT pins the ports (browser tests use the control API); otherwise free ports.
    const port = (offset: number) => (env.SIMULATOR_PORT && base.port ? base.port + offset : 0);
    const regions = [
      { id: 'sim-region-1', label: 'Simulated region 1', options: { ...base, port: port(0) } },
      { id: 'sim-region-2', label: 'Simulated region 2', options: { ...base, port: port(1), seed: (base.seed ?? 42) + 1, projectId: SECOND_SIMULATED_PROJECT, tasks: Math.max(12, Math.round((base.tasks ?? 24) / 2)) } },
    ];
    targets = [];
    for (const region of regions) {
      const simulator = await startSimulator({ ...region.options, host: '127.0.0.1' });
      simulators.push(simulator);
      const auth = { kind: 'aksk' as const, ak: simulator.ak, sk: simulator.sk };
      const target = { id: region.id, label: region.label, region: region.id, endpoint: new URL(simulator.url), projectId: simulator.projectId, auth };
      targets.push(toAppTarget(target, true, config));
    }
  }
  const app = await buildApp({
    targets,
    staticDir: overrides.staticDir === undefined ? DIST_WEB : overrides.staticDir,
    logLevel: config.logLevel,
    auth: config.auth,
    audit,
    sessions,
    caughtUp: { store: watches },
    overview: { intervalMs: overrides.overviewScanIntervalMs ?? config.overviewScanIntervalS * 1000, record: statusRecord },
    alerts: { config: config.alerts, store: alertStore, publicUrl: config.auth.publicUrl },
    history: sharedHistory ? { shared: sharedHistory } : { dataDir: env.DATA_DIR || './data' },
  });
  const url = await app.listen({ host: config.host, port: overrides.port ?? config.port });
  app.log.info(
    { targets: targets.map((t) => ({ id: t.id, upstream: t.dcs.endpoint.origin })), simulated: simulators.length > 0, auth_mode: config.auth.mode },
    `DCS Migration Console on ${url}`,
  );
  if (config.auth.mode === 'none') app.log.warn('AUTH_MODE=none: no sign-in, everyone who reaches the console is an operator (local demo only)');
  return {
    app,
    url,
    simulators,
    async close() {
      await app.close();
      await Promise.all(simulators.map((s) => s.close()));
    },
  };
}

/**
 * The audit trail in PostgreSQL (DATABASE_URL) or under DATA_DIR, its schema brought up to date
 * (several instances starting at once take turns). A store that cannot be used stops start-up with
 * one line naming the variable, and never the database password.
 */
async function openAuditStore(config: ConsoleConfig, dataDir: string): Promise<SqlAuditStore> {
  return openReadyStore(config, () => (config.databaseUrl ? openPostgresAuditStore(config.databaseUrl) : openSqliteAuditStore(dataDir)));
}

/** A store opened and migrated, or a ConfigError naming DATABASE_URL or DATA_DIR. */
async function openReadyStore<T extends { ready(): Promise<void>; close(): Promise<void> }>(config: ConsoleConfig, open: () => T): Promise<T> {
  const variable = config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR';
  const store = openDataStore(variable, open);
  try {
    await store.ready();
  } catch (error) {
    await store.close();
    throw new ConfigError(variable, (error as Error).message);
  }
  return store;
}

function openDataStore<T>(variable: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    throw new ConfigError(variable, (error as Error).message);
  }
}

function toAppTarget(target: CloudTarget, simulated: boolean, config: ConsoleConfig): AppTarget {
  return {
    id: target.id,
    label: target.label,
    region: target.region,
    simulated,
    dcs: {
      endpoint: target.endpoint,
      projectId: target.projectId,
      auth: target.auth,
      connectTimeoutMs: config.upstreamConnectTimeoutMs,
      timeoutMs: config.upstreamTimeoutMs,
      retry: { attempts: config.upstreamRetryAttempts },
      cacheTtlMs: config.upstreamCacheTtlMs,
    },
  };
}

async function main(): Promise<void> {
  let running: RunningConsole;
  try {
    running = await startConsole(process.env);
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && /^SIMULATOR_/.test(error.message))) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // Graceful shutdown: stop accepting connections, let requests in flight finish (at most
  // SHUTDOWN_GRACE_MS, then their connections are cut), close the audit store and the embedded
  // simulators, exit 0. A second signal ends the process at once (the handlers are `once`).
  const shutdown = (signal: string) => {
    const { app } = running;
    app.log.info(`${signal}: shutting down, waiting for requests in flight (at most ${SHUTDOWN_GRACE_MS} ms)`);
    const grace = setTimeout(() => {
      app.log.warn('requests still in flight after the grace period: closing their connections');
      app.server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    grace.unref();
    running.close().then(
      () => {
        app.log.info('shut down');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
