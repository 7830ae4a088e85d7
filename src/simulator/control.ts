// The unsigned control API under /__simulator/ for tests and benchmarks (loopback only).
import type { FaultStore } from './fault-store';
import { parseFault } from './faults';
import { parseDown, type DownSwitch, type HungRequests } from './outage';
import { applyPins, describePins, parsePinRequest } from './progress-pin';
import { ok, type Reply } from './replies';
import { ROUTE_TEMPLATES } from './router';
import type { TaskStore } from './state';

export const CONTROL_PREFIX = '/__simulator';

/** Requests per DCS route template (rejected ones included), control calls excluded. */
export class RequestCounter {
  private total = 0;
  private routes = new Map<string, number>();
  private inFlight = new Map<string, number>();
  private peaks = new Map<string, number>();

  /** Counts a request; the returned function marks it answered (for the in-flight peak). */
  count(template: string): () => void {
    this.total += 1;
    this.routes.set(template, (this.routes.get(template) ?? 0) + 1);
    const now = (this.inFlight.get(template) ?? 0) + 1;
    this.inFlight.set(template, now);
    if (now > (this.peaks.get(template) ?? 0)) this.peaks.set(template, now);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight.set(template, (this.inFlight.get(template) ?? 1) - 1);
    };
  }

  /** Clears the counts and peaks (requests still in flight keep counting toward the next peak). */
  clear(): void {
    this.total = 0;
    this.routes.clear();
    this.peaks = new Map([...this.inFlight].filter(([, n]) => n > 0));
  }

  snapshot(): { total: number; routes: Record<string, number>; peak_in_flight: Record<string, number> } {
    const routes: Record<string, number> = {};
    for (const template of ROUTE_TEMPLATES) routes[template] = 0;
    for (const [template, n] of this.routes) routes[template] = n;
    return { total: this.total, routes, peak_in_flight: Object.fromEntries(this.peaks) };
  }
}

export interface SimulatorState {
  store: TaskStore;
  counter: RequestCounter;
  faults: FaultStore;
  outage: DownSwitch;
  hung: HungRequests;
  info: { project_id: string; ak: string; tasks: number; seed: number; stop_delay_ms: number };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const controlError = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });

/**
 * GET    /__simulator/info               → project id, AK, seed, task count, stop delay, now, down,
 *                                           down_until (never the SK)
 * GET    /__simulator/requests           → { total, routes: { "<METHOD> <template>": n, UNMATCHED?: n },
 *                                           peak_in_flight: { "<METHOD> <template>": most at once } }
 * DELETE /__simulator/requests           → clears the counters only
 * POST   /__simulator/reset              → re-seed tasks and fault dice, clear counters and faults,
 *                                           close hung requests and drop those still waiting (a
 *                                           latency fault), bring the simulator up
 * GET    /__simulator/faults             → { faults, hung_requests }
 * POST   /__simulator/faults             → add a fault (see faults.ts), 201 { fault, faults }
 * DELETE /__simulator/faults             → remove all faults, close hung requests:
 *                                           { faults: [], hung_requests_closed }
 * POST   /__simulator/down               → { for_ms? }: reset every DCS connection until /up or
 *                                           for_ms later; { down: true, down_until }
 * POST   /__simulator/up                 → { down: false, down_until: null }
 * GET    /__simulator/tasks/{id}         → the stored task, as kept by the simulator
 * POST   /__simulator/tasks/{id}/status  → { status } forces any status string
 * POST   /__simulator/tasks/{id}/progress → pins the task's stats (progress-pin.ts):
 *                                           { offset?: n | null, drain_ms?: ms, full_migration_progress?: p | null }.
 *                                           offset: reported in incremental sync, falling linearly to 0
 *                                           over drain_ms (absent/0 = constant), then 0 (caught up);
 *                                           full_migration_progress: reported during the full sync;
 *                                           null clears a pin. → { task_id, status, pins }
 */
export function handleControl(method: string, path: string, body: Buffer, state: SimulatorState): Reply {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case `GET ${CONTROL_PREFIX}/info`:
      return ok({ ...state.info, tasks: state.store.size, now: new Date(state.store.now()).toISOString(), ...state.outage.status() });
    case `GET ${CONTROL_PREFIX}/requests`:
      return ok(state.counter.snapshot());
    case `DELETE ${CONTROL_PREFIX}/requests`:
      state.counter.clear();
      return ok(state.counter.snapshot());
    case `POST ${CONTROL_PREFIX}/reset`:
      state.store.reset();
      state.counter.clear();
      state.faults.reset();
      state.hung.release();
      state.outage.setUp();
      return ok({ ok: true, tasks: state.store.size });
    case `GET ${CONTROL_PREFIX}/faults`:
      return ok({ faults: state.faults.list(), hung_requests: state.hung.size });
    case `DELETE ${CONTROL_PREFIX}/faults`:
      state.faults.clear();
      return ok({ faults: [], hung_requests_closed: state.hung.release() });
    case `POST ${CONTROL_PREFIX}/down`: {
      const down = parseDown(body);
      if (typeof down === 'string') return controlError(400, 'invalid_down', down);
      state.outage.setDown(down.forMs);
      return ok(state.outage.status());
    }
    case `POST ${CONTROL_PREFIX}/up`:
      state.outage.setUp();
      return ok(state.outage.status());
    case `POST ${CONTROL_PREFIX}/faults`: {
      const spec = parseFault(parseJson(body));
      if (typeof spec === 'string') return controlError(400, 'invalid_fault', spec);
      return ok({ fault: state.faults.add(spec), faults: state.faults.list() }, 201);
    }
  }
  const task = /^\/__simulator\/tasks\/([^/]+)(\/status|\/progress)?\/?$/.exec(path);
  if (task) {
    const taskId = decodeURIComponent(task[1]!);
    if (method === 'GET' && !task[2]) {
      const stored = state.store.get(taskId);
      return stored ? ok(stored) : controlError(404, 'task_not_found', `no task ${taskId}`);
    }
    if (method === 'POST' && task[2] === '/progress') return pinProgress(state, taskId, body);
    if (method === 'POST' && task[2]) {
      const status = (parseJson(body) as { status?: unknown } | undefined)?.status;
      if (typeof status !== 'string' || status === '') return controlError(400, 'invalid_status', 'body must be {"status": "<non-empty string>"}');
      const updated = state.store.forceStatus(taskId, status);
      return updated ? ok(updated) : controlError(404, 'task_not_found', `no task ${taskId}`);
    }
  }
  return controlError(404, 'not_found', `no control route ${method} ${path}`);
}

function pinProgress(state: SimulatorState, taskId: string, body: Buffer): Reply {
  const request = parsePinRequest(parseJson(body));
  if (typeof request === 'string') return controlError(400, 'invalid_progress', request);
  const stored = state.store.get(taskId);
  if (!stored) return controlError(404, 'task_not_found', `no task ${taskId}`);
  const now = state.store.now();
  applyPins(stored.sim, request, now);
  return ok({ task_id: stored.task_id, status: stored.status, pins: describePins(stored.sim, now) });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
