// The task observer against two real simulators over HTTP: one list scan per region per interval
// however many overviews are open and ticks come (the simulator counts the list pages: one scan of
// a list of n tasks reads ceil(n / 1000) pages), status changes told once each and none on the
// first read, the timer on the app's clock, nothing read after close.
import { beforeEach, describe, expect, it } from 'vitest';
import { OVERVIEW_SCAN_INTERVAL_S } from '../../api/rules/overview';
import { as, VIEWER } from '../testing/proxy-users';
import type { TestStack } from '../testing/stack';
import type { StatusChange } from './observed';
import { EAST_TASKS, PAGE_SIZE, type TwoRegions, useTwoRegions } from './testing/two-regions';

const INTERVAL_MS = OVERVIEW_SCAN_INTERVAL_S * 1000;
const EAST_PAGES = Math.ceil(EAST_TASKS / PAGE_SIZE);
const currentRegions = useTwoRegions();
let regions: TwoRegions;
beforeEach(() => {
  regions = currentRegions();
});

/** List pages each simulator served since the counters were cleared. */
const pagesRead = async () => [await regions.listCalls(regions.east), await regions.listCalls(regions.west)];
const clearCounts = () => Promise.all([regions.east, regions.west].map((sim) => regions.control(sim, 'DELETE', '/requests')));

/** `n` overviews at once and `ticks` ticks among them; every overview answers 200. */
async function crowd(stack: TestStack, n: number, ticks: number): Promise<void> {
  const overviews = Array.from({ length: n }, () => as(stack, VIEWER, 'GET', '/api/overview'));
  const ticking = Array.from({ length: ticks }, () => stack.app.taskObserver.tick());
  const answers = await Promise.all(overviews);
  await Promise.all(ticking);
  expect(answers.map((res) => res.statusCode)).toEqual(answers.map(() => 200));
}

describe('TaskObserver', () => {
  it('50 overviews at once and ticks within an interval: one scan per region; the next interval, one more', async () => {
    const stack = await regions.console();
    await clearCounts();
    await crowd(stack, 50, 3); // nothing read yet: every request and tick joins the same first scan
    expect(await pagesRead()).toEqual([EAST_PAGES, 1]);
    for (const stepMs of [10_000, 10_000, INTERVAL_MS - 20_000 - 1]) {
      regions.clock.advance(stepMs);
      await crowd(stack, 50, 3);
    }
    expect(await pagesRead()).toEqual([EAST_PAGES, 1]); // 29.999 s later: still one scan each
    regions.clock.advance(1);
    await crowd(stack, 50, 3);
    expect(await pagesRead()).toEqual([2 * EAST_PAGES, 2]);
    expect(stack.app.taskObserver.observation('east').readAtMs).toBe(regions.clock.now());
  });

  it('a status change is told once, with the region, the task and when it was seen; none on the first read; a failed read keeps the tasks', async () => {
    const stack = await regions.console();
    const observer = stack.app.taskObserver;
    const changes: StatusChange[] = [];
    const unsubscribe = observer.onStatusChange((change) => changes.push(change));
    await observer.tick();
    expect(changes).toEqual([]); // the first read only learns
    expect(observer.tasks('east')).toHaveLength(EAST_TASKS);

    const task = observer.tasks('west').find((t) => t.status === 'MIGRATING' || t.status === 'FULLMIGRATING' || t.status === 'INCRMIGEATING')!;
    await regions.control(regions.west, 'POST', `/tasks/${task.taskId}/status`, { status: 'MIGRATION_FAILED' });
    regions.clock.advance(INTERVAL_MS);
    await observer.tick();
    const seenAt = regions.clock.now();
    expect(changes).toEqual([{ target: 'west', taskId: task.taskId, taskName: task.taskName, from: task.status, to: 'MIGRATION_FAILED', atMs: seenAt }]);
    expect(observer.tasks('west').find((t) => t.taskId === task.taskId)).toMatchObject({ status: 'MIGRATION_FAILED', statusSinceMs: seenAt });

    regions.clock.advance(INTERVAL_MS);
    await observer.tick();
    expect(changes).toHaveLength(1); // unchanged since: nothing more

    await regions.control(regions.west, 'POST', '/down');
    regions.clock.advance(INTERVAL_MS);
    await observer.tick();
    expect(observer.observation('west')).toMatchObject({ reachable: false, readAtMs: seenAt + INTERVAL_MS, error: { code: 'UPSTREAM_UNREACHABLE' } });
    expect(observer.tasks('west').find((t) => t.taskId === task.taskId)?.statusSinceMs).toBe(seenAt);

    unsubscribe();
    await regions.control(regions.west, 'POST', '/up');
    await regions.control(regions.west, 'POST', `/tasks/${task.taskId}/status`, { status: 'FAILED' });
    regions.clock.advance(INTERVAL_MS);
    await observer.tick();
    expect(changes).toHaveLength(1);
    expect(observer.observation('west').reachable).toBe(true);
  });

  it('a listener that throws does not keep the others from being told, nor the read from being kept', async () => {
    const stack = await regions.console();
    const observer = stack.app.taskObserver;
    const told: string[] = [];
    observer.onStatusChange(() => {
      throw new Error('a broken listener');
    });
    observer.onStatusChange((change) => told.push(change.to ?? ''));
    await observer.tick();
    const task = observer.tasks('west').find((t) => t.status !== 'SUCCESS')!;
    await regions.control(regions.west, 'POST', `/tasks/${task.taskId}/status`, { status: 'SUCCESS' });
    regions.clock.advance(INTERVAL_MS);
    await observer.tick();
    expect(told).toEqual(['SUCCESS']);
    expect(observer.tasks('west').find((t) => t.taskId === task.taskId)?.status).toBe('SUCCESS');
  });

  it('with a timer: the first scan an interval after the start, the next ones when due on the app clock; none after close', async () => {
    const stack = await regions.console({ overview: { intervalMs: 50 } }); // the counters were cleared before it started
    await expect.poll(() => stack.app.taskObserver.observation('west').reachable, { timeout: 5000 }).toBe(true);
    await expect.poll(pagesRead, { timeout: 5000 }).toEqual([EAST_PAGES, 1]);
    regions.clock.advance(50);
    await expect.poll(pagesRead, { timeout: 5000 }).toEqual([2 * EAST_PAGES, 2]);

    await stack.app.close();
    regions.clock.advance(50);
    await stack.app.taskObserver.tick();
    expect(await pagesRead()).toEqual([2 * EAST_PAGES, 2]);
  });
});
