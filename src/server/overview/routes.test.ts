// GET /api/overview against two real simulators over HTTP: counts by status as the simulator lists
// them (unknown statuses kept), configuration order and labels, viewers may read it; a task failed
// through the simulator's control API is under `failed` after the next scan, a TERMINATING one
// under `stopping_long` after 10 minutes of the test's clock; lag rising from progress samples and
// a waiting watch; an unreachable region says so with the error code while the other answers.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaughtUpWatch } from '../../api/caught-up';
import { ATTENTION_KINDS, type AttentionItem, type Overview, type OverviewTarget } from '../../api/overview';
import { OVERVIEW_SCAN_INTERVAL_S, OVERVIEW_STOPPING_LONG_MIN } from '../../api/rules/overview';
import { as, OPERATOR, VIEWER } from '../testing/proxy-users';
import type { TestStack } from '../testing/stack';
import { countByStatus } from './routes';
import { useTwoRegions, type TwoRegions } from './testing/two-regions';

type Listed = { task_id: string; task_name: string | null; status: string; migration_type: string; migration_method: string };

const INTERVAL_MS = OVERVIEW_SCAN_INTERVAL_S * 1000;
const currentRegions = useTwoRegions();
let regions: TwoRegions;
beforeEach(() => {
  regions = currentRegions();
});

async function overview(stack: TestStack): Promise<Overview> {
  const res = await as(stack, VIEWER, 'GET', '/api/overview');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const regionOf = (body: Overview, id: string) => body.targets.find((t) => t.target === id)!;
const itemsOf = (target: OverviewTarget, taskId: string): AttentionItem[] => target.attention.filter((item) => item.task_id === taskId);
const iso = (ms: number) => new Date(ms).toISOString();

/** The whole list as the console's list route pages through it. */
async function listed(stack: TestStack, target: string): Promise<Listed[]> {
  const tasks: Listed[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await as(stack, VIEWER, 'GET', `/api/migration-tasks?target=${target}&limit=1000&offset=${offset}`)).json() as { count: number; tasks: Listed[] };
    tasks.push(...page.tasks);
    if (tasks.length >= page.count || page.tasks.length === 0) return tasks;
  }
}
const tally = (tasks: Listed[]) => tasks.reduce<Record<string, number>>((counts, t) => ({ ...counts, [t.status]: (counts[t.status] ?? 0) + 1 }), {});
const migrating = (tasks: Listed[]) => tasks.filter((t) => ['MIGRATING', 'FULLMIGRATING', 'INCRMIGEATING'].includes(t.status));

/** The next scan: one interval later on the test's clock. */
async function nextScan(stack: TestStack): Promise<void> {
  regions.clock.advance(INTERVAL_MS);
  await stack.app.taskObserver.tick();
}

describe('GET /api/overview', () => {
  it('every region in configuration order, counts by status as the simulator lists them (unknown ones as they are), read at once on the first request, for a viewer', async () => {
    const stack = await regions.console();
    const [odd] = migrating(await listed(stack, 'west'));
    await regions.control(regions.west, 'POST', `/tasks/${odd!.task_id}/status`, { status: 'QUANTUM_PAUSED' });
    const expected = { east: await listed(stack, 'east'), west: await listed(stack, 'west') };

    const body = await overview(stack); // nothing read before: this request waits for the first reads
    expect(body.generated_at).toBe(iso(regions.clock.now()));
    expect(body.scan_interval_s).toBe(OVERVIEW_SCAN_INTERVAL_S);
    expect(body.targets.map((t) => [t.target, t.label, t.region])).toEqual([
      ['east', 'East', 'ap-east-1'],
      ['west', 'West', 'ap-west-1'],
    ]);
    for (const id of ['east', 'west'] as const) {
      const region = regionOf(body, id);
      expect(region).toMatchObject({ reachable: true, error: null, read_at: iso(regions.clock.now()), total: expected[id].length, truncated: false });
      expect(region.counts).toEqual(tally(expected[id]));
    }
    expect(expected.east).toHaveLength(2001);
    expect(regionOf(body, 'west').counts.QUANTUM_PAUSED).toBe(1);

    const stranger = await as(stack, { user: 'sam', groups: 'marketing' }, 'GET', '/api/overview');
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('a task failed through the control API is under `failed` after the next scan, since that scan; a TERMINATING one under `stopping_long` once past 10 minutes', async () => {
    const stack = await regions.console();
    const [failing, stopping] = migrating(await listed(stack, 'east'));
    await overview(stack); // the first read
    await regions.control(regions.east, 'POST', `/tasks/${failing!.task_id}/status`, { status: 'FAILED' });
    await regions.control(regions.east, 'POST', `/tasks/${stopping!.task_id}/status`, { status: 'TERMINATING' });
    expect(itemsOf(regionOf(await overview(stack), 'east'), failing!.task_id)).toEqual([]); // answered from memory until the next scan

    await nextScan(stack);
    const seenAt = iso(regions.clock.now());
    let east = regionOf(await overview(stack), 'east');
    expect(itemsOf(east, failing!.task_id)).toEqual([{ kind: 'failed', task_id: failing!.task_id, task_name: failing!.task_name, status: 'FAILED', since: seenAt }]);
    expect(itemsOf(east, stopping!.task_id)).toEqual([]);

    regions.clock.advance(OVERVIEW_STOPPING_LONG_MIN * 60_000); // exactly 10 minutes since it was seen: not longer
    await stack.app.taskObserver.tick();
    expect(itemsOf(regionOf(await overview(stack), 'east'), stopping!.task_id)).toEqual([]);
    regions.clock.advance(1); // no scan due: the answer's own time makes it long
    east = regionOf(await overview(stack), 'east');
    expect(itemsOf(east, stopping!.task_id)).toEqual([{ kind: 'stopping_long', task_id: stopping!.task_id, task_name: stopping!.task_name, status: 'TERMINATING', since: seenAt }]);
    expect(itemsOf(east, failing!.task_id)[0]?.since).toBe(seenAt); // since stays while the status does
    const kinds = east.attention.map((item) => ATTENTION_KINDS.indexOf(item.kind));
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
  });

  it('lag rising over the latest progress samples of a task in incremental sync, and a waiting stop-when-caught-up watch', async () => {
    const stack = await regions.console();
    const task = (await listed(stack, 'east')).find((t) => t.migration_type === 'online_migration' && t.migration_method === 'incremental_migration')!;
    await regions.control(regions.east, 'POST', `/tasks/${task.task_id}/status`, { status: 'INCRMIGEATING' });
    const sampledAt: string[] = [];
    for (const offset of [100, 200, 300]) {
      await regions.control(regions.east, 'POST', `/tasks/${task.task_id}/progress`, { offset });
      expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${task.task_id}?target=east`)).statusCode).toBe(200);
      expect((await as(stack, VIEWER, 'GET', `/api/migration-tasks/${task.task_id}/stats?target=east`)).statusCode).toBe(200);
      sampledAt.push(iso(regions.clock.now()));
      regions.clock.advance(11_000); // samples closer than HISTORY_MIN_SPACING_S replace each other
    }
    const scheduled = await as(stack, OPERATOR, 'POST', `/api/migration-tasks/${task.task_id}/stop-when-caught-up?target=east`, { payload: {} });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const watch = scheduled.json() as CaughtUpWatch;

    const east = regionOf(await overview(stack), 'east');
    expect(itemsOf(east, task.task_id)).toEqual([
      { kind: 'lag_rising', task_id: task.task_id, task_name: task.task_name, status: 'INCRMIGEATING', since: sampledAt[2], offsets: [100, 200, 300] },
      { kind: 'watch_waiting', task_id: task.task_id, task_name: task.task_name, status: 'INCRMIGEATING', since: watch.created_at },
    ]);
    expect(regionOf(await overview(stack), 'west').attention.filter((item) => item.kind === 'watch_waiting')).toEqual([]);
  });

  it('an unreachable region shows reachable:false with the error code and keeps its last counts, while the other answers', async () => {
    const stack = await regions.console();
    const first = await overview(stack);
    const readAt = iso(regions.clock.now());

    await regions.control(regions.east, 'POST', '/down');
    await nextScan(stack);
    let body = await overview(stack);
    expect(regionOf(body, 'east')).toMatchObject({ reachable: false, read_at: readAt, total: 2001, counts: regionOf(first, 'east').counts });
    expect(regionOf(body, 'east').error).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', request_id: expect.any(String) });
    expect(regionOf(body, 'west')).toMatchObject({ reachable: true, error: null, read_at: iso(regions.clock.now()) });

    await regions.control(regions.east, 'POST', '/up');
    await regions.control(regions.east, 'POST', '/faults', { route: 'GET /migration-tasks', status: 500 });
    await nextScan(stack);
    expect(regionOf(await overview(stack), 'east').error?.code).toBe('UPSTREAM_ERROR');

    await regions.control(regions.east, 'DELETE', '/faults');
    await nextScan(stack);
    body = await overview(stack);
    expect(regionOf(body, 'east')).toMatchObject({ reachable: true, error: null, read_at: iso(regions.clock.now()), total: 2001 });
  });

  it('a region unreachable from the start: nothing read yet, reachable:false, and the other region is still shown', async () => {
    await regions.control(regions.west, 'POST', '/down');
    const stack = await regions.console();
    const body = await overview(stack);
    expect(regionOf(body, 'west')).toMatchObject({ reachable: false, read_at: null, total: 0, counts: {}, attention: [], error: { code: 'UPSTREAM_UNREACHABLE' } });
    expect(regionOf(body, 'east')).toMatchObject({ reachable: true, total: 2001 });
  });
});

describe('countByStatus', () => {
  it('counts raw statuses, whatever they are called; a task without a status is in the total only', () => {
    const task = (taskId: string, status: string | null) => ({ taskId, taskName: null, status, statusSinceMs: 0, changeSeen: false });
    const counts = countByStatus([task('a', '__proto__'), task('b', 'MIGRATING'), task('c', 'MIGRATING'), task('d', null), task('e', 'constructor')]);
    expect(JSON.stringify(counts)).toBe('{"__proto__":1,"MIGRATING":2,"constructor":1}');
    expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
  });
});
