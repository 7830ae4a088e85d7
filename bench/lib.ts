// Shared pieces of the benchmarks: start the simulator and the console as separate processes on
// loopback (so the console's own memory can be read), talk to the simulator's control API.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export const SIMULATOR = { projectId: '5d3a0f9e8c7b4a6d9e2f1c0b8a7d6e5f', ak: 'SIMULATORAK000000001', sk: 'simulator-secret-key-not-for-production' };

export interface Proc {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function start(script: string, env: Record<string, string>, readyUrl: string, url: string): Promise<Proc> {
  const child = spawn(TSX, [script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${stderr}`);
    try {
      if ((await fetch(readyUrl)).status < 500) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    child,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export async function startSimulatorProcess(env: Record<string, string> = {}): Promise<Proc> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return start('src/simulator/main.ts', { SIMULATOR_PORT: String(port), ...env }, `${url}/__simulator/info`, url);
}

/** The console in front of a simulator process, configured exactly as for the real cloud. */
export async function startConsoleProcess(simulatorUrl: string, env: Record<string, string> = {}): Promise<Proc> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return start(
    'src/server/main.ts',
    {
      PORT: String(port),
      DCS_ENDPOINT: simulatorUrl,
      DCS_REGION: 'bench-region',
      DCS_PROJECT_ID: SIMULATOR.projectId,
      HUAWEICLOUD_SDK_AK: SIMULATOR.ak,
      HUAWEICLOUD_SDK_SK: SIMULATOR.sk,
      AUTH_MODE: 'none',
      STOP_RATE_LIMIT: '10000',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dcs-bench-')),
      ...env,
    },
    `${url}/healthz`,
    url,
  );
}

export async function control(simulatorUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${simulatorUrl}/__simulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function printTable(rows: Record<string, string | number>[]): void {
  console.table(rows);
}
