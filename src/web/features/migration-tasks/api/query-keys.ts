import type { ListSort } from '../../../../api/rules';

export interface TaskListParams {
  offset: number;
  limit: number;
  name?: string;
  /** Status filter values; sent comma-separated. */
  status?: string[];
  /** Absent: the cloud's order. */
  sort?: ListSort;
}

/** One task of one DCS target (task ids are only unique within a region and project). */
export interface TaskRef {
  targetId: string;
  taskId: string;
}

// The target id comes right after the root, so one target's caches never answer for another.
export const taskKeys = {
  all: ['migration-tasks'] as const,
  target: (targetId: string) => [...taskKeys.all, targetId] as const,
  lists: (targetId: string) => [...taskKeys.target(targetId), 'list'] as const,
  list: (targetId: string, params: TaskListParams) => [...taskKeys.lists(targetId), params] as const,
  details: (targetId: string) => [...taskKeys.target(targetId), 'detail'] as const,
  detail: ({ targetId, taskId }: TaskRef) => [...taskKeys.details(targetId), taskId] as const,
  stats: ({ targetId, taskId }: TaskRef) => [...taskKeys.target(targetId), 'stats', taskId] as const,
  history: ({ targetId, taskId }: TaskRef) => [...taskKeys.target(targetId), 'history', taskId] as const,
  logs: ({ targetId, taskId }: TaskRef) => [...taskKeys.target(targetId), 'logs', taskId] as const,
  logsPage: (ref: TaskRef, level: string | undefined) => [...taskKeys.logs(ref), level ?? 'all'] as const,
  caughtUp: ({ targetId, taskId }: TaskRef) => [...taskKeys.target(targetId), 'caught-up', taskId] as const,
};

/** The task a detail query key is about, or null for any other key. */
export function taskRefOfDetailKey(queryKey: readonly unknown[]): TaskRef | null {
  const [root, targetId, kind, taskId] = queryKey;
  if (root !== taskKeys.all[0] || kind !== 'detail' || typeof targetId !== 'string' || typeof taskId !== 'string') {
    return null;
  }
  return { targetId, taskId };
}
