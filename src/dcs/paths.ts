// The DCS paths the console uses, after the base URL. Only the DCS client and the simulator use
// these; routes never build upstream URLs.
const base = (projectId: string) => `/v2/${projectId}`;

export const dcsPaths = {
  listMigrationTasks: (projectId: string) => `${base(projectId)}/migration-tasks`,
  showMigrationTask: (projectId: string, taskId: string) => `${base(projectId)}/migration-task/${taskId}`,
  stopMigrationTask: (projectId: string, taskId: string) => `${base(projectId)}/migration-task/${taskId}/stop`,
  migrationTaskStats: (projectId: string, taskId: string) => `${base(projectId)}/migration-task/${taskId}/stats`,
  batchStopMigrationTasks: (projectId: string) => `${base(projectId)}/migration-task/batch-stop`,
  migrationTaskLogs: (projectId: string, taskId: string) => `${base(projectId)}/migration-task/${taskId}/logs`,
  syncStopMigrationTask: (projectId: string, taskId: string) => `${base(projectId)}/migration-task/${taskId}/sync-stop`,
  /** DELETE with a JSON body `{task_id_list}`; note the plural `migration-tasks`. */
  deleteMigrationTasks: (projectId: string) => `${base(projectId)}/migration-tasks/delete`,
};
