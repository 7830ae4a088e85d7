// Reads a whole upstream task list page by page (the cloud filters only by name, so the console's
// status filter needs every task). The first page says how many tasks there are; the other pages
// are then fetched a few at a time. At most `maxPages` pages are read: a longer list is answered
// with what was read and marked `truncated`.
import type { DcsListMigrationTasksResponse, DcsMigrationTaskListItem } from '../../dcs/types';
import type { Loaded } from './cached-reads';

export interface TaskScan {
  tasks: DcsMigrationTaskListItem[];
  /** The list is longer than `maxPages` pages: `tasks` holds only its beginning. */
  truncated: boolean;
}

export interface ScanLimits {
  pageSize: number;
  maxPages: number;
  /** Pages fetched at the same time once the count is known. */
  concurrency: number;
}

type PageReader = (offset: number) => Promise<Loaded<DcsListMigrationTasksResponse>>;

export async function scanTaskList(readPage: PageReader, limits: ScanLimits): Promise<Loaded<TaskScan>> {
  const { pageSize, maxPages, concurrency } = limits;
  const first = await readPage(0);
  const pages = [first];
  const count = first.json.count;
  let truncated: boolean;
  if (typeof count === 'number' && Number.isFinite(count) && count >= 0) {
    const needed = Math.ceil(count / pageSize);
    const offsets = Array.from({ length: Math.max(0, Math.min(needed, maxPages) - 1) }, (_, i) => (i + 1) * pageSize);
    pages.push(...(await mapWithConcurrency(offsets, concurrency, readPage)));
    truncated = needed > maxPages;
  } else {
    // No count: one page after the other until a short one.
    while (tasksOf(pages.at(-1)!).length >= pageSize && pages.length < maxPages) pages.push(await readPage(pages.length * pageSize));
    truncated = tasksOf(pages.at(-1)!).length >= pageSize;
  }
  // The list may change between pages: a task that moved to the next page is listed once.
  const seen = new Set<string>();
  const tasks: DcsMigrationTaskListItem[] = [];
  for (const task of pages.flatMap(tasksOf)) {
    const id = task.task_id ?? '';
    if (id && seen.has(id)) continue;
    seen.add(id);
    tasks.push(task);
  }
  return { json: { tasks, truncated }, bytes: pages.reduce((sum, page) => sum + page.bytes, 0) };
}

function tasksOf(page: Loaded<DcsListMigrationTasksResponse>): DcsMigrationTaskListItem[] {
  return page.json.migration_tasks ?? [];
}

/** `fn` over `items` with at most `limit` calls at a time, results in order; stops starting calls after a failure. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
