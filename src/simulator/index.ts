// Public API of the DCS migration-task simulator: a stand-alone HTTP service speaking the
// DCS v2 migration-task API (signed with SDK-HMAC-SHA256) plus a loopback control API.
import type { AddressInfo } from 'node:net';
import { resolveOptions, type SimulatorOptions } from './config';
import { RequestCounter, type SimulatorState } from './control';
import { FaultStore } from './fault-store';
import { DownSwitch, HungRequests } from './outage';
import { createSimulatorServer } from './server';
import { TaskStore } from './state';

export { SIMULATOR_DEFAULTS, simulatorOptionsFromEnv, type SimulatorOptions } from './config';
export { ROUTES as SIMULATOR_ROUTES, UNMATCHED as SIMULATOR_UNMATCHED_ROUTE } from './router';

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:8081 */
  url: string;
  port: number;
  projectId: string;
  ak: string;
  sk: string;
  close(): Promise<void>;
}

/** Starts the simulator; port 0 picks a free port. Rejects on invalid options or listen errors. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const o = resolveOptions(options);
  const store = new TaskStore({ tasks: o.tasks, seed: o.seed, stopDelayMs: o.stopDelayMs, now: o.now });
  const now = () => store.now();
  const state: SimulatorState = {
    store,
    counter: new RequestCounter(),
    faults: new FaultStore(o.seed, now),
    outage: new DownSwitch(now),
    hung: new HungRequests(),
    info: { project_id: o.projectId, ak: o.ak, tasks: o.tasks, seed: o.seed, stop_delay_ms: o.stopDelayMs },
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = createSimulatorServer({ projectId: o.projectId, ak: o.ak, sk: o.sk }, state, timers);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    projectId: o.projectId,
    ak: o.ak,
    sk: o.sk,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        state.hung.release();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
