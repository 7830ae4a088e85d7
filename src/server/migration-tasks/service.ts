// Reads and stops migration tasks through the DCS client, and turns what the cloud returned into
// exactly what the console contract allows: secrets removed, shape validated.
import type { z } from 'zod';
import { batchStopResponseSchema, type BatchStopResponse } from '../../api/batch-stop';
import { migrationLogListSchema, type LogsQuery, type MigrationLogList } from '../../api/logs';
import {
  migrationTaskListSchema,
  migrationTaskSchema,
  migrationTaskStatsSchema,
  type ListQuery,
  type MigrationTask,
  type MigrationTaskList,
  type MigrationTaskStats,
} from '../../api/migration-tasks';
import { statusesMatching } from '../../api/rules/migration-tasks';
import { ApiHttpError } from '../errors';
import type { DcsClient, ReadOptions, UpstreamExchange } from '../upstream/dcs-client';
import { DerivedMemo } from '../upstream/derived-memo';
import { redactSecrets } from '../upstream/redact';
import type { StatusSince } from '../overview/observed';
import { sortTasks } from './list-sort';

/**
 * A status filter scans the whole upstream list (one cached, shared read: see
 * DcsClient.listAllMigrationTasks); at most this many pages of 1000 tasks. A longer list is
 * answered from its first 100,000 tasks and marked `truncated`.
 */
export const MAX_SCAN_PAGES = 100;

/** How many task names the service remembers (the audit's fallback when the read before a stop fails). */
export const KNOWN_NAMES_MAX = 10_000;

/** Of a whole-list scan, the names of the first this many tasks are remembered (a bound on the work). */
const LIST_NAMES_REMEMBERED = 1000;

export class MigrationTaskService {
  /** Answers derived from cached upstream reads: computed once per upstream read (upstream/derived-memo.ts). */
  private readonly derived = new DerivedMemo();
  /** The name each task had in the latest answer that named it (detail or list), least recent first. */
  private readonly names = new Map<string, string>();

  constructor(private readonly dcs: DcsClient) {}

  /**
   * `fresh`: skip the cache (the audit's read before a batch stop). `since`: the console's record
   * of status changes, for the `changed` order (without it, that order keeps the cloud's).
   */
  async list(query: ListQuery, options?: ReadOptions, since?: StatusSince): Promise<MigrationTaskList> {
    const { offset, limit, name } = query;
    if (!query.status && !query.sort) {
      const page = await this.dcs.listMigrationTasks({ offset, limit, name }, options);
      return this.derived.get(page, '', () => {
        const tasks = page.migration_tasks ?? [];
        this.rememberNames(tasks);
        return toContract(migrationTaskListSchema, { count: page.count ?? tasks.length, tasks: redactSecrets(tasks) });
      });
    }
    // The cloud filters only by name, so a status filter reads every matching task and filters
    // here; count and paging then refer to the filtered set.
    // A sort, too, needs the whole list (sortTasks: list-sort.ts).
    const wanted = query.status ? new Set(query.status.split(',').flatMap(statusesMatching)) : null;
    const scan = await this.dcs.listAllMigrationTasks(name, MAX_SCAN_PAGES);
    // The `changed` order follows the record too: kept per version of it, not only per upstream read.
    const version = query.sort === 'changed' ? `|${since?.version ?? 0}` : '';
    const changedMs = (task: { task_id?: string | null; status?: string | null }) => (task.task_id && since?.of(task.task_id, task.status ?? null)?.statusSinceMs) || null;
    return this.derived.get(scan, `${query.status ?? ''}|${query.sort ?? ''}|${offset}|${limit}${version}`, () => {
      this.rememberNames(scan.tasks.slice(0, LIST_NAMES_REMEMBERED));
      const matching = sortTasks(wanted ? scan.tasks.filter((task) => wanted.has(task.status ?? '')) : scan.tasks, query.sort, changedMs);
      return toContract(migrationTaskListSchema, {
        count: matching.length,
        tasks: redactSecrets(matching.slice(offset, offset + limit)),
        ...(scan.truncated ? { truncated: true } : {}),
      });
    });
  }

  /** `fresh`: skip the cache (the audit's read of the status before a stop). */
  async get(taskId: string, options?: ReadOptions): Promise<MigrationTask> {
    const task = await this.dcs.showMigrationTask(taskId, options);
    return this.derived.get(task, '', () => {
      this.rememberNames([task]);
      return toContract(migrationTaskSchema, redactSecrets(task));
    });
  }

  /**
   * The name the console last read for the task (detail or list answer), or null. The audit keeps
   * it when the read before a stop fails: the record then names the task as the operator saw it.
   */
  lastKnownName(taskId: string): string | null {
    return this.names.get(taskId) ?? null;
  }

  private rememberNames(tasks: readonly { task_id?: string | null; task_name?: string | null }[]): void {
    for (const { task_id: id, task_name: name } of tasks) {
      if (!id || !name) continue;
      this.names.delete(id);
      this.names.set(id, name);
    }
    for (const oldest of this.names.keys()) {
      if (this.names.size <= KNOWN_NAMES_MAX) break;
      this.names.delete(oldest);
    }
  }

  async stats(taskId: string): Promise<MigrationTaskStats> {
    const stats = await this.dcs.showMigrationTaskStats(taskId);
    return this.derived.get(stats, '', () => toContract(migrationTaskStatsSchema, redactSecrets(stats)));
  }

  async logs(taskId: string, query: LogsQuery): Promise<MigrationLogList> {
    const page = await this.dcs.listMigrationTaskLogs(taskId, { offset: query.offset, limit: query.limit, level: query.level });
    const logs = page.migration_logs ?? [];
    return toContract(migrationLogListSchema, { count: page.log_num ?? logs.length, logs: redactSecrets(logs) });
  }

  /** `exchange` receives the cloud's request id when the stop is answered. */
  async stop(taskId: string, exchange?: UpstreamExchange): Promise<MigrationTask> {
    return toContract(migrationTaskSchema, redactSecrets(await this.dcs.stopMigrationTask(taskId, exchange)));
  }

  /** The cloud's verdict per task; a task it did not report on is marked so, not dropped. */
  async batchStop(taskIds: string[], exchange?: UpstreamExchange): Promise<BatchStopResponse> {
    const answer = await this.dcs.batchStopMigrationTasks(taskIds, exchange);
    const reported = new Map((answer.migration_tasks ?? []).map((r) => [r.task_id ?? '', r]));
    const results = taskIds.map(
      (taskId) => reported.get(taskId) ?? { task_id: taskId, result: 'unknown', error_code: null, error_msg: 'The cloud did not report on this task.' },
    );
    return toContract(batchStopResponseSchema, { results: redactSecrets(results) });
  }
}

function toContract<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.slice(0, 5).map((issue) => ({ field: issue.path.join('.') || '(root)', problem: issue.message }));
  throw new ApiHttpError(502, 'UPSTREAM_BAD_RESPONSE', 'The cloud answered with a response the console cannot read.', { details });
}
