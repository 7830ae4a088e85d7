// Samples, every HISTORY_BACKGROUND_INTERVAL_S, the tasks someone read in the last
// HISTORY_VIEW_WINDOW_S that are still changing and that no reader has sampled meanwhile, so the
// history has no holes while nobody polls. One tick at a time; at most MAX_PER_TICK tasks a tick,
// MAX_CONCURRENT calls at once, so a busy console does not spend the cloud's request quota.
import type { FastifyBaseLogger } from 'fastify';
import { HISTORY_BACKGROUND_INTERVAL_S } from '../../api/rules/history';
import { isChanging } from '../../dcs/status';
import { toApiHttpError } from '../errors';
import type { TargetRegistry } from '../targets/registry';
import type { HistoryCluster } from './cluster';
import type { ProgressHistory, TaskRef } from './progress-history';

const MAX_PER_TICK = 50;
const MAX_CONCURRENT = 4;

export interface SamplerOptions {
  /** 0: no timer (tests call tick()). Default HISTORY_BACKGROUND_INTERVAL_S. */
  intervalMs?: number;
  /** Several instances: each tick first settles which targets this one samples. */
  cluster?: HistoryCluster | null;
}

export class BackgroundSampler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  readonly intervalMs: number;
  private readonly cluster: HistoryCluster | null;

  constructor(
    private readonly history: ProgressHistory,
    private readonly targets: TargetRegistry,
    private readonly log: FastifyBaseLogger,
    options: SamplerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? HISTORY_BACKGROUND_INTERVAL_S * 1000;
    this.cluster = options.cluster ?? null;
  }

  start(): void {
    if (this.intervalMs <= 0 || this.timer || this.closed) return;
    if (this.cluster) void this.tick(); // the leads are taken at once, not an interval later
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Samples what is due; a tick still running is joined, not doubled. */
  tick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.running ??= this.sampleDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async sampleDue(): Promise<void> {
    const intervalMs = this.intervalMs || HISTORY_BACKGROUND_INTERVAL_S * 1000;
    await this.cluster?.sync(intervalMs);
    // A sample a reader took within most of the interval is recent enough: no call for this task.
    const staleMs = Math.floor(0.8 * intervalMs);
    const due = this.history.dueForSampling(staleMs, isChanging).slice(0, MAX_PER_TICK);
    const queue = [...due];
    const worker = async () => {
      for (let ref = queue.shift(); ref && !this.closed; ref = queue.shift()) await this.sample(ref);
    };
    await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT, queue.length) }, worker));
  }

  private async sample({ target, taskId }: TaskRef): Promise<void> {
    try {
      const service = this.targets.service(target);
      const task = await service.get(taskId);
      // Dropped meanwhile (others were read since): a background read does not bring it back.
      if (!this.history.isTracked(target, taskId)) return;
      this.history.recordTask(target, taskId, task);
      if (!this.history.hasStats(target, taskId)) return;
      const stats = await service.stats(taskId);
      if (this.history.isTracked(target, taskId)) this.history.recordStats(target, taskId, stats);
    } catch (thrown) {
      let code = 'INTERNAL';
      try {
        code = toApiHttpError(thrown, 'stats').code;
      } catch {
        this.log.error({ event: 'history.sample_failed', task_id: taskId, err: thrown }, 'background progress sample failed');
        return;
      }
      if (code === 'TASK_NOT_FOUND' || code === 'UNKNOWN_TARGET') this.history.forget(target, taskId);
      if (code === 'STATS_NOT_AVAILABLE') {
        // Not a failure: the task has no stats (a backup import). Said once; it is not sampled again.
        if (this.history.markNoStats(target, taskId)) {
          this.log.info({ event: 'history.stats_not_available', task_id: taskId, target }, 'the cloud keeps no progress stats for this task: not sampled');
        }
        return;
      }
      this.log.warn({ event: 'history.sample_failed', task_id: taskId, target, code }, 'background progress sample failed');
    }
  }
}
