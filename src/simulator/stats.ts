// Live progress (README §3.6) computed from the task and the clock, so it moves over time
// without timers: full sync approaches 100 %, the incremental offset jitters, ops/kbps are
// non-zero only while data moves. Number fields are strings, as documented.
import type { DcsMigrationTaskStats } from '../dcs/types';
import { canStop, isIncrementalSync } from '../dcs/status';
import type { SimTask } from './model';
import { pinnedFullSyncProgress, pinnedOffset } from './progress-pin';
import { noise } from './random';


export function fullSyncProgress(task: SimTask, at: number): number {
  const { initialProgress, progressTauMs, refMs } = task.sim;
  const elapsed = Math.max(0, at - refMs);
  const p = 100 - (100 - initialProgress) * Math.exp(-elapsed / progressTauMs);
  return Math.min(99, Math.floor(p)); // reaching 100 is the status change, not the stats
}

export function statsFor(task: SimTask, now: number): DcsMigrationTaskStats {
  const { sim } = task;
  if (task.status === 'RUNNING' || (task.source === null && task.target === null)) {
    return stats({ progress: 0, offset: 0, source: 0, target: 0, kbps: 0, ops: 0, moving: false });
  }
  const moving = canStop(task.status);
  const at = moving ? now : (sim.haltedMs ?? now);
  const incremental = isIncrementalSync(task.status) || (sim.fullSyncDone && !moving);
  const second = Math.floor(now / 1000);
  const jitter = (salt: number) => noise(sim.noiseSeed + salt, second);

  const growth = task.migration_method === 'incremental_migration' ? Math.floor((Math.max(0, at - sim.refMs) / 1000) * (sim.opsBase / 200)) : 0;
  const source = sim.sourceKeys + growth;
  if (task.status === 'SUCCESS' || incremental) {
    const offset = moving ? (pinnedOffset(sim, now) ?? Math.floor(jitter(1) * 150)) : 0;
    const ops = moving ? Math.round(sim.opsBase * (0.6 + 0.8 * jitter(2))) : 0;
    const kbps = moving ? Math.max(1, Math.round(ops * (0.1 + 0.3 * jitter(3)))) : 0;
    return stats({ progress: 100, offset, source, target: Math.max(0, source - offset), kbps, ops, moving });
  }
  const progress = pinnedFullSyncProgress(sim) ?? fullSyncProgress(task, at);
  const ops = moving ? Math.round(sim.opsBase * 3 * (0.7 + 0.6 * jitter(4))) : 0;
  const kbps = moving ? Math.max(1, Math.round(ops * (1.5 + jitter(5)))) : 0;
  return stats({ progress, offset: 0, source, target: Math.floor((source * progress) / 100), kbps, ops, moving });
}

interface Numbers {
  progress: number;
  offset: number;
  source: number;
  target: number;
  kbps: number;
  ops: number;
  moving: boolean;
}

function stats(n: Numbers): DcsMigrationTaskStats {
  return {
    full_migration_progress: String(n.progress),
    offset: String(n.offset),
    source_dbsize: String(n.source),
    target_dbsize: String(n.target),
    target_input_kbps: String(n.kbps),
    target_ops: String(n.ops),
    is_migrating: n.moving,
  };
}
