// What a console process holds: its resident memory, and (with bench/memory-probe.cjs preloaded)
// what survives a full garbage collection. Linux only: it reads /proc. Used by the load test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './lib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The pid of the process that does the work. `tsx` runs the script in a child node process, so
 * `child.pid` is only the small wrapper; read memory of `workerPid(child.pid)` instead.
 */
export function workerPid(pid: number): number {
  let current = pid;
  for (let depth = 0; depth < 4; depth++) {
    // Only node children: the worker may itself run helpers (esbuild's service) that are not it.
    const next = childPids(current).find((child) => isNode(child));
    if (next === undefined) break;
    current = next;
  }
  return current;
}

function isNode(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /(^|\/)node$/.test(argv0);
  } catch {
    return false;
  }
}

function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found.sort((a, b) => a - b);
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/**
 * Environment that preloads bench/memory-probe.cjs into a console (load test only): after
 * `memoryAfterGc`, the memory still in use after a full garbage collection.
 */
export function memoryProbeEnv(file: string): Record<string, string> {
  const preload = join(ROOT, 'bench/memory-probe.cjs');
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --require "${preload}"`.trim(), BENCH_MEMORY_FILE: file };
}

export interface MemoryAfterGc {
  heapUsedMb: number;
  externalMb: number;
  rssMb: number;
}

/** Asks the probe in `pid` for a full GC and returns what survived it (MB). */
export async function memoryAfterGc(pid: number, file: string): Promise<MemoryAfterGc> {
  const read = (): { sample: number; heapUsed: number; external: number; rss: number } | null => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return null;
    }
  };
  const previous = read()?.sample ?? 0;
  process.kill(pid, 'SIGUSR2');
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  for (let waited = 0; waited < 10_000; waited += 50) {
    const current = read();
    if (current && current.sample > previous) return { heapUsedMb: mb(current.heapUsed), externalMb: mb(current.external), rssMb: mb(current.rss) };
    await sleep(50);
  }
  throw new Error(`memory probe: no answer from process ${pid} in 10 s (is bench/memory-probe.cjs preloaded?)`);
}
