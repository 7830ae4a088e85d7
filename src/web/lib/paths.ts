// Every page URL names its DCS target, so a shared link opens the same region and project.

/** The task list of a target; `search` is a query string (with or without its leading "?"). */
export function listPath(targetId: string, search = ''): string {
  const query = search.replace(/^\?/, '');
  return `/targets/${encodeURIComponent(targetId)}${query ? `?${query}` : ''}`;
}

export function taskPath(targetId: string, taskId: string): string {
  return `${listPath(targetId)}/tasks/${encodeURIComponent(taskId)}`;
}
