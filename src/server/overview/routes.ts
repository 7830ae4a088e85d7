// `GET /api/overview` (contract: src/api/overview.ts): every configured target, in configuration
// order, answered from the task observer's memory; nothing here calls the cloud, except a target's
// very first read (the observer's, shared by every request waiting for it). Readable by whoever may
// read the task list (viewers too).
import type { FastifyInstance } from 'fastify';
import type { Overview, OverviewTarget } from '../../api/overview';
import type { Target } from '../../api/targets';
import { requirePermission } from '../auth/plugin';
import type { ProgressHistory } from '../history/progress-history';
import type { TargetRegistry } from '../targets/registry';
import { attentionItems, mayLag, type LagSample, type WatchSummary } from './attention';
import type { ObservedTask } from './observed';
import type { TaskObserver } from './task-observer';

export interface OverviewDeps {
  targets: TargetRegistry;
  observer: TaskObserver;
  /** Where the samples of lag_rising come from. */
  history: Pick<ProgressHistory, 'isTracked' | 'read'>;
  /** The target's active stop-when-caught-up watches. */
  watches: (target: string) => Promise<readonly WatchSummary[]>;
  now: () => number;
}

export function overviewRoutes(deps: OverviewDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/overview', { preHandler: requirePermission('migrationTask:list') }, async (): Promise<Overview> => buildOverview(deps));
  };
}

export async function buildOverview(deps: OverviewDeps): Promise<Overview> {
  const targets = await Promise.all(deps.targets.describe().map((target) => targetOverview(deps, target)));
  return { generated_at: iso(deps.now()), scan_interval_s: deps.observer.scanIntervalMs / 1000, targets };
}

async function targetOverview(deps: OverviewDeps, { id, label, region }: Target): Promise<OverviewTarget> {
  await deps.observer.firstRead(id);
  const watches = await deps.watches(id);
  const seen = deps.observer.observation(id);
  const samples = new Map<string, readonly LagSample[]>();
  for (const task of seen.tasks) {
    if (mayLag(task) && deps.history.isTracked(id, task.taskId)) samples.set(task.taskId, deps.history.read(id, task.taskId, undefined).samples);
  }
  return {
    target: id,
    label,
    region,
    reachable: seen.reachable,
    error: seen.error,
    read_at: seen.readAtMs === null ? null : iso(seen.readAtMs),
    total: seen.tasks.length,
    counts: countByStatus(seen.tasks),
    attention: attentionItems({ tasks: seen.tasks, nowMs: deps.now(), samples, watches }),
    truncated: seen.truncated,
  };
}

/** Counted once per read: the observer's task array is new with every read and never changed. */
const countsOfRead = new WeakMap<readonly ObservedTask[], Record<string, number>>();

/** Raw statuses, unknown ones included; a task without a status is in `total` only. */
export function countByStatus(tasks: readonly ObservedTask[]): Record<string, number> {
  const known = countsOfRead.get(tasks);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const { status } of tasks) if (status !== null) counts.set(status, (counts.get(status) ?? 0) + 1);
  // fromEntries defines own properties: a status named "__proto__" is counted, not a prototype.
  const counted = Object.freeze(Object.fromEntries(counts));
  countsOfRead.set(tasks, counted);
  return counted;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
