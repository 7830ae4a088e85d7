// The composition root: reads the configuration, starts the embedded DCS simulator when no cloud
// endpoint is set, and serves the console. The only server file that knows the simulator exists.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { simulatorOptionsFromEnv, startSimulator, type RunningSimulator } from '../simulator';
import { buildApp } from './app';
import { ConfigError, loadConfig, type CloudTarget } from './config';

const DIST_WEB = fileURLToPath(new URL('../../dist/web', import.meta.url));
export const SIMULATED_REGION = 'sim-region-1';

export interface RunningConsole {
  app: FastifyInstance;
  url: string;
  simulator: RunningSimulator | null;
  close(): Promise<void>;
}

export async function startConsole(env: NodeJS.ProcessEnv, overrides: { port?: number; staticDir?: string | null } = {}): Promise<RunningConsole> {
  const config = loadConfig(env);
  let simulator: RunningSimulator | null = null;
  let target: CloudTarget;
  if (config.cloud) {
    target = config.cloud;
  } else {
    // Embedded demo: the simulator is a separate HTTP service on a free loopback port, and the
    // console talks to it exactly as to the cloud (same client, same signing).
    // SIMULATOR_PORT pins its port (browser tests use its control API); otherwise any free port.
    const simulatorOptions = simulatorOptionsFromEnv(env);
    simulator = await startSimulator({ ...simulatorOptions, host: '127.0.0.1', port: env.SIMULATOR_PORT ? simulatorOptions.port : 0 });
    target = {
      endpoint: new URL(simulator.url),
      projectId: simulator.projectId,
      region: SIMULATED_REGION,
      auth: { kind: 'aksk', ak: simulator.ak, sk: simulator.sk },
    };
  }
  const app = await buildApp({
    dcs: {
      endpoint: target.endpoint,
      projectId: target.projectId,
      auth: target.auth,
      connectTimeoutMs: config.upstreamConnectTimeoutMs,
      timeoutMs: config.upstreamTimeoutMs,
    },
    region: target.region,
    simulated: simulator !== null,
    staticDir: overrides.staticDir === undefined ? DIST_WEB : overrides.staticDir,
    logLevel: config.logLevel,
  });
  const url = await app.listen({ host: config.host, port: overrides.port ?? config.port });
  app.log.info({ upstream: target.endpoint.origin, region: target.region, simulated: simulator !== null }, `DCS Migration Console on ${url}`);
  return {
    app,
    url,
    simulator,
    async close() {
      await app.close();
      await simulator?.close();
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
  const shutdown = (signal: string) => {
    running.app.log.info(`${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
