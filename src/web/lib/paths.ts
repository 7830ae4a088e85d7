// Every page URL names its DCS target, so a shared link opens the same region and project.

/** The task list of a target; `search` is a query string (with or without its leading "?"). */
export function listPath(targetId: string, search = ''): string {
  const query = search.replace(/^\?/, '');
  return `/targets/${encodeURIComponent(targetId)}${query ? `?${query}` : ''}`;
}

export function taskPath(targetId: string, taskId: string): string {
  return `${listPath(targetId)}/tasks/${encodeURIComponent(taskId)}`;
}

/** The audit trail of stop attempts, across targets; `search` as for listPath. */
export const ACTIVITY_PATH = '/activity';

export function activityPath(search: URLSearchParams | string = ''): string {
  const query = String(search).replace(/^\?/, '');
  return `${ACTIVITY_PATH}${query ? `?${query}` : ''}`;
}
