// Orders the whole (scanned) upstream task list for `GET /api/migration-tasks?sort=`, so every page
// of a sorted list agrees with the others. Ties and unreadable values keep the cloud's order
// (Array.prototype.sort is stable); tasks without a name or a readable time go last.
import type { ListSort } from '../../api/rules/migration-tasks';
import { statusPhase, type StatusPhase } from '../../dcs/status';

interface Sortable {
  task_id?: string | null;
  task_name?: string | null;
  status?: string | null;
  created_at?: string | null;
}

/** Since when a task has its status (ms), by the console's record; null: not known. */
export type ChangedMs = (task: Sortable) => number | null;

/** Tasks that need attention first: moving data, then on their way somewhere, then at rest. */
const PHASE_ORDER: readonly StatusPhase[] = ['migrating', 'stopping', 'pending', 'failed', 'succeeded', 'stopped', 'gone', 'unknown'];

const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The cloud writes ISO-8601 in lists and "YYYY/MM/DD HH:MM:SS" (UTC) in details. */
export function createdMs(value: string | null | undefined): number | null {
  if (!value) return null;
  const spaced = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  const ms = spaced
    ? Date.UTC(+spaced[1]!, +spaced[2]! - 1, +spaced[3]!, +spaced[4]!, +spaced[5]!, +(spaced[6] ?? 0))
    : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

type Key = number | string | null;

/** The value each order compares, read once per task (a scan may hold 100,000 tasks). */
const KEYS: Record<ListSort, { key: (task: Sortable, changedMs: ChangedMs) => Key; descending: boolean }> = {
  newest: { key: (t) => createdMs(t.created_at), descending: true },
  changed: { key: (t, changedMs) => changedMs(t), descending: true },
  oldest: { key: (t) => createdMs(t.created_at), descending: false },
  name_asc: { key: (t) => t.task_name || null, descending: false },
  name_desc: { key: (t) => t.task_name || null, descending: true },
  // Phase first, then the raw value, so unknown statuses group together at the end.
  status: { key: (t) => `${PHASE_ORDER.indexOf(statusPhase(t.status))}:${t.status ?? ''}`, descending: false },
};

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return names.compare(String(a), String(b));
}

const UNKNOWN: ChangedMs = () => null;

/** A sorted copy; without a sort, the list as the cloud ordered it. `changedMs` serves the `changed` order. */
export function sortTasks<T extends Sortable>(tasks: readonly T[], sort: ListSort | undefined, changedMs: ChangedMs = UNKNOWN): T[] {
  if (!sort) return [...tasks];
  const { key, descending } = KEYS[sort];
  return tasks
    .map((task) => ({ task, key: key(task, changedMs) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
      const order = compareKeys(a.key, b.key);
      return descending ? -order : order;
    })
    .map(({ task }) => task);
}
