// Mutable state behind the msw handlers, reset after every test, plus a log of the requests
// the handlers received so tests assert what the UI actually sent.
import type { AuditRecord, MigrationTask, MigrationTaskStats, Session, Target } from '../../../api';
import { buildAuditRecords } from './audit';
import { buildStats, buildTasks, session } from './data';
import { buildRegion2Tasks, TARGET_1, TARGET_2, targets } from './targets';

export interface LoggedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

interface MockDb {
  session: Session;
  /** Set: the browser is not signed in, and `GET /api/session` answers 401 (with `login_url` if given). */
  signedOut: { login_url?: string } | null;
  /** Where `POST /auth/logout` sends the browser. */
  logoutRedirect: string;
  /** The audit trail, any order (the handler sorts newest first). */
  audit: AuditRecord[];
  targets: Target[];
  /** Each target's tasks, by target id. */
  tasks: Record<string, MigrationTask[]>;
  stats: Map<string, MigrationTaskStats>;
  requests: LoggedRequest[];
  /** Detail reads after a stop before the task reads TERMINATED (Infinity: stays TERMINATING). */
  stopCompletesAfterReads: number;
  readsSinceStop: Map<MigrationTask, number>;
  /** The console's record of status changes, by task id (the list's "last changed"); absent: not read yet. */
  statusSince: Map<string, { at: string; seen: boolean }>;
}

function fresh(): MockDb {
  return {
    session: structuredClone(session),
    signedOut: null,
    logoutRedirect: 'https://id.example.com/logout?post_logout_redirect_uri=http%3A%2F%2Flocalhost%2F',
    audit: buildAuditRecords(),
    targets: structuredClone(targets),
    tasks: { [TARGET_1]: buildTasks(), [TARGET_2]: buildRegion2Tasks() },
    stats: new Map(),
    requests: [],
    stopCompletesAfterReads: Number.POSITIVE_INFINITY,
    readsSinceStop: new Map(),
    statusSince: new Map(),
  };
}

export let db: MockDb = fresh();

export function resetMockDb() {
  db = fresh();
}

export function findTask(taskId: string, targetId: string = TARGET_1): MigrationTask | undefined {
  return db.tasks[targetId]?.find((t) => t.task_id === taskId);
}

export function statsFor(taskId: string): MigrationTaskStats {
  return db.stats.get(taskId) ?? buildStats();
}

/** Requests received for a path (exact pathname match), optionally by method. */
export function requestsTo(pathname: string, method = 'GET'): LoggedRequest[] {
  return db.requests.filter((r) => r.url.pathname === pathname && r.method === method);
}

/** Requests to the task API (list, detail, stats, stop) that named `targetId` or no target. */
export function taskRequestsFor(targetId: string | null): LoggedRequest[] {
  return db.requests.filter(
    (r) => r.url.pathname.startsWith('/api/migration-tasks') && r.url.searchParams.get('target') === targetId,
  );
}
