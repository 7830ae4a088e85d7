export interface TaskListParams {
  offset: number;
  limit: number;
  name?: string;
  /** Status filter values; sent comma-separated. */
  status?: string[];
}

export const taskKeys = {
  all: ['migration-tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (params: TaskListParams) => [...taskKeys.lists(), params] as const,
  details: () => [...taskKeys.all, 'detail'] as const,
  detail: (taskId: string) => [...taskKeys.details(), taskId] as const,
  stats: (taskId: string) => [...taskKeys.all, 'stats', taskId] as const,
};
