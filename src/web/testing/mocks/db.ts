// Mutable state behind the msw handlers, reset after every test, plus a log of the requests
// the handlers received so tests assert what the UI actually sent.
import type { MigrationTask, MigrationTaskStats, Session } from '../../../api';
import { buildStats, buildTasks, session } from './data';

export interface LoggedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

interface MockDb {
  session: Session;
  tasks: MigrationTask[];
  stats: Map<string, MigrationTaskStats>;
  requests: LoggedRequest[];
  /** Detail reads after a stop before the task reads TERMINATED (Infinity: stays TERMINATING). */
  stopCompletesAfterReads: number;
  readsSinceStop: Map<string, number>;
}

function fresh(): MockDb {
  return {
    session: structuredClone(session),
    tasks: buildTasks(),
    stats: new Map(),
    requests: [],
    stopCompletesAfterReads: Number.POSITIVE_INFINITY,
    readsSinceStop: new Map(),
  };
}

export let db: MockDb = fresh();

export function resetMockDb() {
  db = fresh();
}

export function findTask(taskId: string): MigrationTask | undefined {
  return db.tasks.find((t) => t.task_id === taskId);
}

export function statsFor(taskId: string): MigrationTaskStats {
  return db.stats.get(taskId) ?? buildStats();
}

/** Requests received for a path (exact pathname match), optionally by method. */
export function requestsTo(pathname: string, method = 'GET'): LoggedRequest[] {
  return db.requests.filter((r) => r.url.pathname === pathname && r.method === method);
}
