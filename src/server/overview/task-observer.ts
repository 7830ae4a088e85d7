// Reads each target's whole task list at most once per scan interval (however many overviews are
// open) and keeps what it read: the tasks with the status each was first read in, when the list was
// last read, and the last failure. Later reads are told to listeners as status changes (alerts,
// metrics). The list is read as the list route reads it (DcsClient.listAllMigrationTasks: the same
// snapshot, cache and sharing of reads in flight), so nothing here builds an upstream call.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ApiErrorBody } from '../../api/errors';
import { OVERVIEW_SCAN_INTERVAL_S } from '../../api/rules/overview';
import { toApiHttpError } from '../errors';
import { MAX_SCAN_PAGES } from '../migration-tasks/service';
import type { TargetRegistry } from '../targets/registry';
import type { DcsClient, TaskScan } from '../upstream/dcs-client';
import { diffList, type PreviousTask, type TaskChange } from './list-diff';
import type { ObservedTask, StatusChangeListener, StatusSince, StatusSinceSource, TargetObservation, TaskObservations } from './observed';
import type { StatusRecord } from './status-record';

export interface TaskObserverOptions {
  targets: TargetRegistry;
  /** The app's clock: when a list was read, since when a task has its status, when a scan is due. */
  now: () => number;
  log: FastifyBaseLogger;
  /**
   * How often each target's list is read, ms; default OVERVIEW_SCAN_INTERVAL_S. 0: no timer (tests
   * call tick()), scans then due every OVERVIEW_SCAN_INTERVAL_S on `now`.
   */
  intervalMs?: number;
  /**
   * Where what was read is kept across restarts and shared by instances (status-record.ts): a start
   * goes on from it (since-times kept, changes made meanwhile told). Unset: memory only.
   */
  record?: StatusRecord;
}

interface TargetState {
  readonly id: string;
  readonly client: DcsClient;
  tasks: Map<string, ObservedTask>;
  /** tasks' values, made once per read: readers ask often, the list changes every interval at most. */
  list: readonly ObservedTask[];
  reachable: boolean | null;
  readAtMs: number | null;
  error: ApiErrorBody | null;
  truncated: boolean;
  /** When the last scan began, successful or not: the next is due an interval later. */
  scanStartedMs: number | null;
  scanning: Promise<void> | null;
  /** Bumped by every read that changed what is known (StatusSince.version). */
  version: number;
  /** The record's writes, one after another; close() waits for them. */
  recording: Promise<void>;
}

const NOT_OBSERVED: TargetObservation = { reachable: null, readAtMs: null, error: null, truncated: false, tasks: [] };

export class TaskObserver implements TaskObservations, StatusSinceSource {
  /** The interval the timer keeps, and the one tick() holds to without a timer. */
  readonly scanIntervalMs: number;
  private readonly timerMs: number;
  private readonly states = new Map<string, TargetState>();
  private readonly listeners = new Set<StatusChangeListener>();
  private readonly now: () => number;
  private readonly log: FastifyBaseLogger;
  private readonly record: StatusRecord | undefined;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(options: TaskObserverOptions) {
    this.now = options.now;
    this.log = options.log;
    this.record = options.record;
    this.timerMs = options.intervalMs ?? OVERVIEW_SCAN_INTERVAL_S * 1000;
    this.scanIntervalMs = this.timerMs > 0 ? this.timerMs : OVERVIEW_SCAN_INTERVAL_S * 1000;
    for (const { id, client } of options.targets.clients()) {
      this.states.set(id, { id, client, tasks: new Map(), list: [], reachable: null, readAtMs: null, error: null, truncated: false, scanStartedMs: null, scanning: null, version: 0, recording: Promise.resolve() });
    }
  }

  tasks(target: string): readonly ObservedTask[] {
    return this.states.get(target)?.list ?? [];
  }

  statusSince(target: string): StatusSince {
    const state = this.states.get(target);
    const tasks = state?.tasks;
    return {
      version: state?.version ?? 0,
      of: (taskId, status) => {
        const task = tasks?.get(taskId);
        return task && task.status === status ? task : null;
      },
    };
  }

  onStatusChange(listener: StatusChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The target's list as last read (an unknown target: never read). */
  observation(target: string): TargetObservation {
    const state = this.states.get(target);
    if (!state) return NOT_OBSERVED;
    const { reachable, readAtMs, error, truncated, list } = state;
    return { reachable, readAtMs, error, truncated, tasks: list };
  }

  /**
   * Resolves once the target's list has been read at least once (successfully or not), starting that
   * first read if none has begun, so the first overview after a start is not empty. Never rejects.
   */
  async firstRead(target: string): Promise<void> {
    const state = this.states.get(target);
    if (!state || state.reachable !== null || this.closed) return;
    await this.scan(state);
  }

  /**
   * Reads every target never read or last read an interval ago or more; a scan still running is
   * joined, not doubled. Resolves when those scans end; never rejects.
   */
  async tick(): Promise<void> {
    if (this.closed) return;
    const nowMs = this.now();
    const due = [...this.states.values()].filter(
      (state) => state.scanning || state.scanStartedMs === null || nowMs - state.scanStartedMs >= this.scanIntervalMs,
    );
    await Promise.all(due.map((state) => this.scan(state)));
  }

  /**
   * Starts the timer. Its first scan comes one interval after the start (a request reads a target
   * first anyway), then it looks for due targets five times an interval, so a scan is late by a
   * fifth of the interval at most and never early.
   */
  start(): void {
    if (this.timerMs <= 0 || this.timer || this.closed) return;
    this.schedule(this.timerMs);
  }

  /** No new scans; waits for those in flight. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all([...this.states.values()].map((state) => state.scanning));
    await Promise.all([...this.states.values()].map((state) => state.recording));
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.tick().finally(() => {
        if (!this.closed) this.schedule(Math.max(1, Math.ceil(this.timerMs / 5)));
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One scan per target at a time: a second caller joins the one running. */
  private scan(state: TargetState): Promise<void> {
    state.scanning ??= this.read(state).finally(() => {
      state.scanning = null;
    });
    return state.scanning;
  }

  private async read(state: TargetState): Promise<void> {
    state.scanStartedMs = this.now();
    const scanId = randomUUID();
    try {
      const recorded = state.readAtMs === null ? await this.loadRecord(state.id) : null;
      const scan = await state.client.listAllMigrationTasks(undefined, MAX_SCAN_PAGES);
      this.learn(state, scan, recorded);
    } catch (error) {
      this.fail(state, error, scanId);
    }
  }

  /** The record's tasks of the target; null when it has none (the console never read it) or cannot be read. */
  private async loadRecord(target: string): Promise<Map<string, PreviousTask> | null> {
    if (!this.record) return null;
    try {
      const recorded = await this.record.load(target);
      return recorded.size > 0 ? recorded : null;
    } catch (error) {
      this.log.warn({ event: 'overview.record_unreadable', target, err: error }, 'the task status record cannot be read: statuses start again from this read');
      return null;
    }
  }

  private learn(state: TargetState, { tasks: items, truncated }: TaskScan, recorded: ReadonlyMap<string, PreviousTask> | null): void {
    const atMs = this.now();
    // The first read goes on from the record; without one there is nothing to compare with: it only learns.
    const previous: ReadonlyMap<string, PreviousTask> | null = state.readAtMs === null ? recorded : state.tasks;
    const { tasks, changes } = diffList(previous, items, atMs);
    if (state.reachable === false) this.log.info({ event: 'overview.target_reachable', target: state.id }, 'the task list of the target can be read again');
    const changed = [...tasks.values()].filter((task) => previous?.get(task.taskId)?.status !== task.status || !previous.has(task.taskId));
    const gone = previous && !truncated ? [...previous.keys()].filter((id) => !tasks.has(id)) : [];
    const version = state.version + (changed.length > 0 || gone.length > 0 || state.readAtMs === null ? 1 : 0);
    Object.assign(state, { tasks, list: Object.freeze([...tasks.values()]), reachable: true, readAtMs: atMs, error: null, truncated, version });
    this.keep(state, changed, gone);
    for (const change of changes) this.tell(state.id, change);
  }

  /** Writes what changed to the record, after the writes before it; a failure is logged, never thrown. */
  private keep(state: TargetState, changed: readonly ObservedTask[], gone: readonly string[]): void {
    const record = this.record;
    if (!record || (changed.length === 0 && gone.length === 0)) return;
    state.recording = state.recording.then(async () => {
      try {
        if (changed.length > 0) await record.save(state.id, changed);
        if (gone.length > 0) await record.drop(state.id, gone);
      } catch (error) {
        this.log.warn({ event: 'overview.record_failed', target: state.id, err: error }, 'the task status record cannot be written');
      }
    });
  }

  /** The last read's failure is kept; the tasks of the last successful read stay. */
  private fail(state: TargetState, thrown: unknown, scanId: string): void {
    let error: ApiErrorBody;
    try {
      error = toApiHttpError(thrown, 'list').toBody(scanId).error;
    } catch {
      this.log.error({ event: 'overview.scan_failed', target: state.id, scan_id: scanId, err: thrown }, 'reading the task list failed unexpectedly');
      error = { code: 'INTERNAL', message: 'Reading the task list failed unexpectedly; the console log has the details.', request_id: scanId };
    }
    // A warning when it starts failing or fails differently, not every interval while it stays down;
    // each failure's scan id (the body's request_id) is still in the debug log.
    const changed = state.reachable !== false || state.error?.code !== error.code;
    this.log[changed ? 'warn' : 'debug']({ event: 'overview.target_unreachable', target: state.id, scan_id: scanId, code: error.code }, 'the task list of the target cannot be read');
    Object.assign(state, { reachable: false, error });
  }

  private tell(target: string, change: TaskChange): void {
    for (const listener of this.listeners) {
      try {
        listener({ target, ...change });
      } catch (error) {
        this.log.error({ event: 'overview.listener_failed', target, task_id: change.taskId, err: error }, 'a status change listener failed');
      }
    }
  }
}
