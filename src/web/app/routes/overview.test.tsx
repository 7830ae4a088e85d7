import { focusManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../testing/mocks/data';
import { db, requestsTo } from '../../testing/mocks/db';
import { apiError } from '../../testing/mocks/handlers/errors';
import { setOverview } from '../../testing/mocks/handlers/overview';
import { signInAs } from '../../testing/mocks/handlers/session';
import { server } from '../../testing/mocks/node';
import { ids2 } from '../../testing/mocks/targets';
import { advance, renderApp, switchLocale, useTestClock } from '../../testing/test-utils';

const OVERVIEW = '/api/overview';
const card = async (targetId: string) =>
  (await screen.findAllByTestId('overview-target')).find((c) => c.dataset.target === targetId)!;
const countOf = (section: HTMLElement, status: string) =>
  within(section).getAllByTestId('status-count').find((li) => li.dataset.status === status);
const attention = (section: HTMLElement) => within(section).getAllByTestId('attention-item');
const readSeconds = (section: HTMLElement) => Number(/^Read (\d+) s ago$/.exec(within(section).getByTestId('overview-age').textContent!)?.[1]);

describe('overview (`/`)', () => {
  // The overview is a route loaded on demand: load its code once here, not inside the first test's wait.
  beforeAll(async () => {
    await import('./overview');
  });

  it('shows every target with its region, counts by status (unknown ones raw) and a one-click way to its tasks', async () => {
    const { user, router } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Overview · DCS Migration Console')); // set by an effect after the render
    const region1 = await card('sim-region-1');
    expect(within(region1).getByRole('heading', { level: 2, name: 'Simulated region 1' })).toBeInTheDocument();
    expect(region1).toHaveTextContent('Region ap-southeast-1');
    expect(within(region1).getByTestId('overview-reachability')).toHaveTextContent('Answering');
    expect(within(region1).getByTestId('overview-total')).toHaveTextContent('24 tasks');
    expect(countOf(region1, 'SUCCESS')).toHaveTextContent('Succeeded');
    expect(countOf(region1, 'SUCCESS')).toHaveTextContent(/13$/);
    expect(countOf(region1, 'FAILED')).toHaveTextContent(/6$/);
    const unknown = countOf(region1, 'PAUSED_BY_OPS')!;
    expect(unknown).toHaveTextContent('Unknown status');
    expect(unknown).toHaveTextContent('PAUSED_BY_OPS');
    // Migrating statuses first, unknown ones last.
    expect(within(region1).getAllByTestId('status-count').map((li) => li.dataset.status)).toEqual([
      'MIGRATING', 'FULLMIGRATING', 'INCRMIGEATING', 'TERMINATED', 'SUCCESS', 'FAILED', 'PAUSED_BY_OPS',
    ]);

    const all = within(region1).getByRole('link', { name: 'All tasks of Simulated region 1' });
    expect(all).toHaveAttribute('href', '/targets/sim-region-1');
    await user.click(all);
    await waitFor(() => expect(router.state.location.pathname).toBe('/targets/sim-region-1'));
    expect(await screen.findAllByTestId('task-row')).toHaveLength(10);
  });

  it('lists what needs attention, each task linked to its page, with its status and since when', async () => {
    renderApp('/');
    const region1 = await card('sim-region-1');
    const items = attention(region1);
    expect(items.map((i) => within(i).getByTestId('attention-kind').textContent)).toEqual([
      'Failed', 'Failed', 'Lag rising (1,200 → 4,800 → 19,000)',
    ]);
    const lag = items[2]!;
    expect(within(lag).getByRole('link', { name: 'mig-orders-cache' })).toHaveAttribute('href', `/targets/sim-region-1/tasks/${ids.incremental}`);
    expect(within(lag).getByTestId('attention-status')).toHaveTextContent('Incremental sync');
    expect(lag).toHaveTextContent(/latest sample \d+ seconds ago/);
    expect(within(items[0]!).getByRole('link', { name: 'mig-batch-21' })).toHaveAttribute('href', expect.stringMatching(/^\/targets\/sim-region-1\/tasks\/15aa0000-/));
    expect(items[0]).toHaveTextContent('since 3 hours ago');

    const region2 = await card('sim-region-2');
    const [stopping, watch] = attention(region2);
    expect(within(stopping!).getByTestId('attention-kind')).toHaveTextContent('Stopping for 18 min');
    expect(within(stopping!).getByRole('link', { name: 'mig-eu-orders-cache' })).toHaveAttribute('href', `/targets/sim-region-2/tasks/${ids2.shared}`);
    expect(within(stopping!).getByTestId('attention-status')).toHaveTextContent('Stopping');
    expect(within(watch!).getByTestId('attention-kind')).toHaveTextContent('Stop when caught up: waiting');
    expect(watch).toHaveTextContent('armed 25 minutes ago');
    expect(within(watch!).getByRole('link', { name: 'mig-eu-inventory' })).toHaveAttribute('href', `/targets/sim-region-2/tasks/${ids2.inventory}`);
  });

  it('says clearly when a target\'s cloud is not answering, with the error code, and keeps its last figures', async () => {
    renderApp('/');
    const region2 = await card('sim-region-2');
    expect(within(region2).getByTestId('overview-reachability')).toHaveTextContent('Not answering');
    const unreachable = within(region2).getByTestId('overview-unreachable');
    expect(unreachable).toHaveTextContent('The cloud is not answering');
    expect(unreachable).toHaveTextContent('UPSTREAM_TIMEOUT');
    expect(unreachable).toHaveTextContent('Huawei Cloud did not answer within 10 s.');
    expect(unreachable).toHaveTextContent('req-overview-scan-7f3a');
    expect(unreachable).toHaveTextContent('The figures below are from the console’s last successful read.');
    expect(within(region2).getByTestId('overview-age')).toHaveTextContent('Read 6 min 0 s ago');
    expect(within(region2).getByTestId('overview-total')).toHaveTextContent('4 tasks');
    expect(within(await card('sim-region-1')).queryByTestId('overview-unreachable')).not.toBeInTheDocument();
  });

  it('says "Nothing needs attention" for a target without such tasks, and "Not read yet" before the first read', async () => {
    setOverview((overview) => ({
      ...overview,
      targets: [
        { ...overview.targets[0]!, attention: [] },
        { ...overview.targets[1]!, reachable: null, error: null, read_at: null, total: 0, counts: {}, attention: [] },
      ],
    }));
    renderApp('/');
    const region1 = await card('sim-region-1');
    expect(within(region1).getByTestId('attention-empty')).toHaveTextContent('Nothing needs attention');
    expect(within(region1).queryAllByTestId('attention-item')).toHaveLength(0);
    const region2 = await card('sim-region-2');
    expect(within(region2).getByTestId('overview-reachability')).toHaveTextContent('Not read yet');
    expect(within(region2).getByTestId('overview-age')).toHaveTextContent('The console reads this target within 30 s.');
    // Nothing read, so nothing claimed: no counts, no "Nothing needs attention".
    expect(within(region2).queryByTestId('attention-empty')).not.toBeInTheDocument();
    expect(within(region2).queryByTestId('overview-total')).not.toBeInTheDocument();
  });

  it('shows a kind of attention it does not know raw, never a crash', async () => {
    setOverview((overview) => ({
      ...overview,
      targets: [{ ...overview.targets[0]!, attention: [{ kind: 'quota_low' as never, task_id: ids.full, task_name: null, status: 'BRAND_NEW', since: null }] }],
    }));
    renderApp('/');
    const [item] = attention(await card('sim-region-1'));
    expect(within(item!).getByTestId('attention-kind')).toHaveTextContent('Other (quota_low)');
    expect(within(item!).getByRole('link', { name: '(unnamed task)' })).toHaveAttribute('href', `/targets/sim-region-1/tasks/${ids.full}`);
    expect(item).toHaveTextContent('BRAND_NEW');
  });

  it('viewers see it too, with nothing to act on', async () => {
    signInAs('viewer');
    renderApp('/');
    await card('sim-region-1');
    await screen.findByTestId('session-summary');
    expect(screen.queryAllByRole('button', { name: /stop/i })).toHaveLength(0);
  });

  it('says so, with Retry, when the overview cannot be loaded', async () => {
    server.use(http.get(OVERVIEW, () => apiError(503, { code: 'INTERNAL', message: 'Overview is down.' }), { once: true }));
    const { user } = renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the overview');
    expect(alert).toHaveTextContent('Overview is down.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('overview-target')).toHaveLength(2);
  });

  it('is the header\'s "Overview" entry, from any page', async () => {
    const { user, router } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Overview' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findAllByTestId('overview-target')).toHaveLength(2);
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  });

  it('speaks Simplified Chinese', async () => {
    await switchLocale('zh-CN');
    try {
      renderApp('/');
      expect(await screen.findByRole('heading', { level: 1, name: '总览' })).toBeInTheDocument();
      const region1 = await card('sim-region-1');
      expect(within(region1).getByTestId('overview-total')).toHaveTextContent('共 24 个任务');
      expect(within(region1).getByRole('heading', { level: 3, name: '需要关注' })).toBeInTheDocument();
      expect(within(attention(region1)[2]!).getByTestId('attention-kind')).toHaveTextContent('延迟持续上升（1,200 → 4,800 → 19,000）');
      expect(within(region1).getByRole('link', { name: '全部任务 （Simulated region 1）' })).toHaveAttribute('href', '/targets/sim-region-1');
      const region2 = await card('sim-region-2');
      expect(within(region2).getByTestId('overview-unreachable')).toHaveTextContent('云服务没有响应');
      expect(within(attention(region2)[0]!).getByTestId('attention-kind')).toHaveTextContent('停止已持续 18 分钟');
      expect(within(region2).getByTestId('overview-age')).toHaveTextContent('6 分 0 秒前读取');
    } finally {
      await switchLocale('en');
    }
  });

  describe('following the console', () => {
    useTestClock();
    afterEach(() => {
      act(() => focusManager.setFocused(undefined));
    });

    it('counts the data\'s age on, and reads again every scan_interval_s (here 10 s)', async () => {
      setOverview((overview) => ({ ...overview, scan_interval_s: 10 }));
      renderApp('/');
      const region1 = await card('sim-region-1');
      const first = readSeconds(region1);
      expect(first).toBeGreaterThanOrEqual(12);
      expect(requestsTo(OVERVIEW)).toHaveLength(1);
      await advance(4_000);
      expect(readSeconds(region1)).toBeGreaterThanOrEqual(first + 4);
      expect(requestsTo(OVERVIEW)).toHaveLength(1);
      await advance(6_500);
      await waitFor(() => expect(requestsTo(OVERVIEW)).toHaveLength(2));
      // A fresh answer: the age starts again from the new read.
      await waitFor(() => expect(readSeconds(region1)).toBeLessThan(first + 4));
      expect(db.requests.filter((r) => r.url.pathname.startsWith('/api/migration-tasks'))).toHaveLength(0);
    });

    it('pauses in a background tab, like every poll of the app, and reads again when the tab is back', async () => {
      renderApp('/');
      await card('sim-region-1');
      act(() => focusManager.setFocused(false));
      await advance(95_000);
      expect(requestsTo(OVERVIEW)).toHaveLength(1);
      act(() => focusManager.setFocused(true));
      await advance(100);
      expect(requestsTo(OVERVIEW)).toHaveLength(2);
    });
  });
});
