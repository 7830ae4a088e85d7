// Small shared pieces of `bench/run.ts`: statistics, goals, tables, the Chromium launch options,
// and a registry of started processes so every exit path stops them.
import type { Proc } from './lib';

export interface Goal {
  scenario: string;
  goal: string;
  target: string;
  actual: string;
  pass: boolean;
}

export interface ScenarioOutcome<T> {
  result: T;
  goals: Goal[];
}

export function goal(scenario: string, name: string, target: string, actual: string, pass: boolean): Goal {
  return { scenario, goal: name, target, actual, pass };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
export const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
export const max = (values: readonly number[]) => (values.length ? Math.max(...values) : 0);

/** Rounds to `digits` decimals (NaN stays NaN, shown as "n/a"). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function ratio(a: number, b: number, digits = 2): number {
  return b === 0 ? NaN : round(a / b, digits);
}

/** Prints a titled table with aligned columns (no quotes, unlike console.table). */
export function printTable(title: string, rows: Record<string, string | number | boolean | null | undefined>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('  (no rows)');
    return;
  }
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value)) ? 'n/a' : String(value));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => cell(row[c]).length)));
  const line = (values: string[]) => `  ${values.map((v, i) => (/^-?[\d.]+( %| ms| MB| kB|x)?$/.test(v) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')}`;
  console.log(line(columns));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('-+-')}`);
  for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

export function printGoals(goals: Goal[]): void {
  for (const g of goals) {
    console.log(`  ${g.pass ? 'PASS  ' : 'MISSED'} [${g.scenario}] ${g.goal}: ${g.actual} (goal ${g.target})`);
  }
}

export { chromiumLaunchOptions } from '../e2e/chromium';

/** Every process the bench starts, so a failure or Ctrl-C still stops them all. */
const running = new Set<Proc>();
/** Processes started since the current scenario began, kept after they stop for their output. */
let recent: Proc[] = [];

export async function track(start: Promise<Proc>): Promise<Proc> {
  const proc = await start;
  running.add(proc);
  recent.push(proc);
  return proc;
}

/** Forgets the processes of the previous scenario; returns their output tails (non-empty ones). */
export function takeRecentOutput(): string[] {
  const tails = recent.map((p) => p.outputTail().trim()).filter(Boolean);
  recent = [];
  return tails;
}

export async function stopProc(proc: Proc | undefined): Promise<void> {
  if (!proc) return;
  running.delete(proc);
  await proc.stop();
}

export async function stopAll(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((p) => p.stop()));
}

/** A small deterministic PRNG for jitter, so runs are comparable: the simulator's seeded one. */
export { mulberry32 as prng } from '../src/simulator/random';
