// Simulator options: documented demo defaults, validation, and reading them from SIMULATOR_* env.
import { PROJECT_ID_PATTERN } from '../dcs/ids';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  projectId?: string;
  ak?: string;
  sk?: string;
  tasks?: number;
  seed?: number;
  stopDelayMs?: number;
  /** Clock in ms since the epoch (signature freshness, stop delay, live stats, seed times). */
  now?: () => number;
}

export type ResolvedOptions = Required<SimulatorOptions>;

/** Demo values, documented so tests and the embedded console can use them; not secrets. */
export const SIMULATOR_DEFAULTS: {
  readonly host: '127.0.0.1';
  readonly port: 8081;
  readonly projectId: string;
  readonly ak: string;
  readonly sk: string;
  readonly tasks: number;
  readonly seed: number;
  readonly stopDelayMs: number;
} = Object.freeze({
  host: '127.0.0.1',
  port: 8081,
  projectId: '5d3a0f9e8c7b4a6d9e2f1c0b8a7d6e5f',
  ak: 'SIMULATORAK000000001',
  sk: 'simulator-secret-key-not-for-production',
  tasks: 24,
  seed: 42,
  stopDelayMs: 8000,
});

export const MAX_TASKS = 100_000;
const MAX_STOP_DELAY_MS = 24 * 60 * 60 * 1000;

type Check = (value: unknown) => boolean;
const intIn = (min: number, max: number): Check => (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const credential: Check = (v) => typeof v === 'string' && /^[\x21-\x7e]+$/.test(v) && !v.includes(',');

const RULES: Record<Exclude<keyof SimulatorOptions, 'now'>, { env: string; check: Check; expect: string; secret?: boolean }> = {
  host: { env: 'SIMULATOR_HOST', check: (v) => typeof v === 'string' && /^[\w.:-]+$/.test(v), expect: 'a host name or IP address' },
  port: { env: 'SIMULATOR_PORT', check: intIn(0, 65535), expect: 'an integer from 0 to 65535 (0 = any free port)' },
  projectId: { env: 'SIMULATOR_PROJECT_ID', check: (v) => typeof v === 'string' && PROJECT_ID_PATTERN.test(v), expect: '32 lower-case hex characters' },
  ak: { env: 'SIMULATOR_AK', check: credential, expect: 'printable ASCII without spaces or commas', secret: true },
  sk: { env: 'SIMULATOR_SK', check: (v) => typeof v === 'string' && v.length > 0, expect: 'a non-empty string', secret: true },
  tasks: { env: 'SIMULATOR_TASKS', check: intIn(0, MAX_TASKS), expect: `an integer from 0 to ${MAX_TASKS}` },
  seed: { env: 'SIMULATOR_SEED', check: intIn(0, 0xffffffff), expect: 'an integer from 0 to 4294967295' },
  stopDelayMs: { env: 'SIMULATOR_STOP_DELAY_MS', check: intIn(0, MAX_STOP_DELAY_MS), expect: `an integer from 0 to ${MAX_STOP_DELAY_MS} (milliseconds)` },
};

function problem(key: keyof typeof RULES, raw: unknown, source: 'env' | 'option'): string {
  const rule = RULES[key];
  const name = source === 'env' ? rule.env : `option ${key}`;
  const shown = rule.secret ? '' : ` (got ${JSON.stringify(String(raw))})`;
  return `${name} must be ${rule.expect}${shown}`;
}

/** Fills in defaults and validates; throws an Error with one line naming the bad option. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = { ...SIMULATOR_DEFAULTS, now: Date.now, ...stripUndefined(options) };
  for (const key of Object.keys(RULES) as (keyof typeof RULES)[]) {
    if (!RULES[key].check(resolved[key])) throw new Error(problem(key, resolved[key], 'option'));
  }
  return resolved;
}

function stripUndefined(options: SimulatorOptions): SimulatorOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SimulatorOptions;
}

/** Reads SIMULATOR_* variables; unset or empty means default. Throws one line naming the variable. */
export function simulatorOptionsFromEnv(env: NodeJS.ProcessEnv): SimulatorOptions {
  const options: SimulatorOptions = {};
  const numeric = new Set(['port', 'tasks', 'seed', 'stopDelayMs']);
  for (const key of Object.keys(RULES) as (keyof typeof RULES)[]) {
    const raw = env[RULES[key].env];
    if (raw === undefined || raw.trim() === '') continue;
    const value: unknown = numeric.has(key) ? (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN) : raw;
    if (!RULES[key].check(value)) throw new Error(problem(key, raw, 'env'));
    (options as Record<string, unknown>)[key] = value;
  }
  return options;
}
