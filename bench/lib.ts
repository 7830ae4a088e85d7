// Shared pieces of the benchmarks: start the simulator and the console as separate processes on
// loopback (so the console's own memory can be read), talk to the simulator's control API.
// The console is the compiled server `npm start` runs (dist/server/main.js, rebuilt when stale);
// BENCH_SERVER=tsx runs src/server/main.ts under tsx instead (the old way, for comparison).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signRequest, type QueryMap } from '../src/dcs/signer';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SERVER_BUILD = join(ROOT, 'dist/server/main.js');
/** What the compiled server is bundled from (src/web is not part of it). */
const SERVER_SOURCES = ['src/server', 'src/simulator', 'src/dcs', 'src/api', 'package.json'];

export const SIMULATOR = { projectId: '5d3a0f9e8c7b4a6d9e2f1c0b8a7d6e5f', ak: 'SIMULATORAK000000001', sk: 'simulator-secret-key-not-for-production' };

export interface Proc {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
  /** The last few kB the process wrote to stdout and stderr (for diagnosing a failed benchmark). */
  outputTail(): string;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The latest modification time of anything under `paths` (relative to the repository). */
export function newestChange(paths: readonly string[]): number {
  const newest = (path: string): number => {
    if (!existsSync(path)) return 0;
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
  };
  return Math.max(...paths.map((p) => newest(join(ROOT, p))));
}

/** How the console is run: the compiled build (default) or tsx on the sources (BENCH_SERVER=tsx). */
export const SERVER_MODE: 'dist' | 'tsx' = process.env.BENCH_SERVER === 'tsx' ? 'tsx' : 'dist';

/** Builds dist/server/main.js (`npm run build:server`) when it is missing or older than a source. */
export function ensureServerBuilt(): { built: boolean; reason: string } {
  const sources = newestChange(SERVER_SOURCES);
  const reason = !existsSync(SERVER_BUILD) ? 'dist/server is missing' : statSync(SERVER_BUILD).mtimeMs < sources ? 'dist/server is older than its sources' : '';
  if (!reason) return { built: false, reason: 'dist/server is up to date' };
  console.log(`bench: ${reason}; building the server (npm run build:server)`);
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
  return { built: true, reason };
}

/** The node options of `npm start` (e.g. --max-semi-space-size), read from package.json so the bench runs what users run. */
export function startNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const match = /(?:^|&& )node((?: --[\w-]+(?:=\S+)?)*) dist\/server\/main\.js$/.exec(scripts.start ?? '');
  if (!match) throw new Error(`bench: package.json "start" does not end with "node [flags] dist/server/main.js": ${scripts.start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

function consoleCommand(): { command: string; args: string[] } {
  if (SERVER_MODE === 'tsx') return { command: TSX, args: ['src/server/main.ts'] };
  ensureServerBuilt();
  return { command: process.execPath, args: [...startNodeFlags(), SERVER_BUILD] };
}

async function start(script: string, env: Record<string, string>, readyUrl: string, url: string): Promise<Proc> {
  const isConsole = script === 'src/server/main.ts';
  const { command, args } = isConsole ? consoleCommand() : { command: TSX, args: [script] };
  // The console's log (one line per request at info) goes to a file, as in production, not through
  // a pipe into this process: here it would be read by the busy load generator, and a slow reader
  // would hold the console's unwritten lines in its memory.
  const logFile = isConsole ? join(env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'dcs-bench-')), 'console.log') : null;
  const logFd = logFile ? openSync(logFile, 'w') : null;
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', logFd ?? 'pipe', 'pipe'] });
  if (logFd !== null) closeSync(logFd);
  // The last few kB of output (log lines go to stdout, crashes to stderr), for error messages.
  let stderr = '';
  const keep = (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr!.on('data', keep);
  const tail = () => (logFile ? `${fileTail(logFile, 4000)}${stderr}` : stderr);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${tail()}`);
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
    outputTail: () => tail().slice(-4000),
    stop: () =>
      new Promise<void>((resolve) => {
        // Keep only the end of the log (it may be hundreds of MB after a throughput run).
        const done = () => {
          if (logFile) writeFileSync(logFile, fileTail(logFile, 8000));
          resolve();
        };
        // Already gone: it exited, or a signal ended it (exitCode stays null then).
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
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
      // The production default (info): one access-log line per request is part of the cost.
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dcs-bench-')),
      ...env,
    },
    `${url}/healthz`,
    url,
  );
}

/**
 * The console with its embedded simulators (no DCS_ENDPOINT), as `npm start` runs it: what the
 * browser benchmarks use. `SIMULATOR_*` variables in `env` configure the embedded simulators.
 */
export async function startEmbeddedConsoleProcess(env: Record<string, string> = {}): Promise<Proc> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return start(
    'src/server/main.ts',
    {
      PORT: String(port),
      // Empty means unset to the console's config: never inherit a cloud endpoint from the caller.
      DCS_ENDPOINT: '',
      DCS_TARGETS_FILE: '',
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

/**
 * Headers of a request signed for the simulator exactly as the console's DCS client signs it
 * (content-type, host, x-project-id, x-sdk-date). Valid for 15 minutes (the gateway's clock skew),
 * so a load test may sign once and repeat the request.
 */
export function signedSimulatorHeaders(simulatorUrl: string, method: string, path: string, query: QueryMap = {}): Record<string, string> {
  const host = new URL(simulatorUrl).host;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-project-id': SIMULATOR.projectId };
  const signed = signRequest({ method, path, query, headers, host, body: '' }, { ak: SIMULATOR.ak, sk: SIMULATOR.sk });
  return { ...headers, 'x-sdk-date': signed['X-Sdk-Date'], authorization: signed.Authorization, host: signed.host };
}

/** The last `bytes` of a file as text ('' when it cannot be read). */
function fileTail(path: string, bytes: number): string {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(bytes, size));
      readSync(fd, buffer, 0, buffer.length, size - buffer.length);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function printTable(rows: Record<string, string | number>[]): void {
  console.table(rows);
}
