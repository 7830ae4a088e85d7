import { act, screen } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { requestsTo } from '../../../testing/mocks/db';
import { setWatch, waitingWatch, watchOf } from '../../../testing/mocks/handlers/caught-up';
import { renderApp } from '../../../testing/test-utils';
import { CAUGHT_UP_SEEN_KEY } from '../lib/caught-up-told';
import { SYSTEM_NOTIFICATIONS_KEY } from '../lib/system-notifications';

const TARGET = 'sim-region-1';
const WATCHES = '/api/stop-when-caught-up';
const DONE_TITLE = 'mig-orders-cache: stopped when caught up';

function stubNotifications() {
  const shown: { title: string; tag?: string }[] = [];
  class FakeNotification {
    static permission: NotificationPermission = 'granted';
    static requestPermission = () => Promise.resolve('granted' as const);
    constructor(title: string, options: NotificationOptions = {}) {
      shown.push({ title, tag: options.tag });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return shown;
}

/** The watch ends the way the console ends it: stopped, no longer in the list of active watches. */
function consoleStopsIt() {
  const watch = watchOf(ids.incremental)!;
  setWatch({ ...watch, state: 'done', next_poll_at: null, finished_at: new Date().toISOString(), stop: { audit_record_id: 'a1', at: new Date().toISOString(), outcome: 'accepted', status_after: 'TERMINATED', error_code: null } });
}

const inAppTitles = () => [...document.querySelectorAll('.mantine-Notification-title')].map((node) => node.textContent);

describe('a stop-when-caught-up watch that ends while its page is closed', () => {
  let watchNumber = 0;
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    // Every test its own watch id: what was told is remembered for the tab.
    setWatch(waitingWatch(ids.incremental, TARGET, { id: `watch-alerts-${++watchNumber}` }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    window.localStorage.clear();
    window.sessionStorage.clear();
  });

  it('is told once on the list page, and the reads stop once no watch is active', async () => {
    const shown = stubNotifications();
    window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    window.localStorage.setItem(CAUGHT_UP_SEEN_KEY, JSON.stringify([TARGET]));
    renderApp(`/targets/${TARGET}`);
    await screen.findAllByTestId('task-row');
    await vi.waitFor(() => expect(requestsTo(WATCHES)).toHaveLength(1), { timeout: 5000 });

    consoleStopsIt();
    await act(() => vi.advanceTimersByTimeAsync(20_100));
    expect(requestsTo(WATCHES)).toHaveLength(2);
    expect(shown.map((n) => n.title)).toEqual([DONE_TITLE]);
    expect(await screen.findByText(DONE_TITLE)).toBeInTheDocument();
    expect(screen.getByText('The console stopped the task; the cloud answered TERMINATED.')).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(requestsTo(WATCHES)).toHaveLength(2);
    expect(shown).toHaveLength(1);
    expect(inAppTitles().filter((title) => title === DONE_TITLE)).toHaveLength(1);
  });

  it('sends no request while browser notifications are off', async () => {
    stubNotifications();
    window.localStorage.setItem(CAUGHT_UP_SEEN_KEY, JSON.stringify([TARGET]));
    renderApp(`/targets/${TARGET}`);
    await screen.findAllByTestId('task-row');
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(requestsTo(WATCHES)).toHaveLength(0);
  });

  it('sends no request while this browser has seen no active watch', async () => {
    stubNotifications();
    window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    renderApp(`/targets/${TARGET}`);
    await screen.findAllByTestId('task-row');
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(requestsTo(WATCHES)).toHaveLength(0);
  });

  it('is told once with the task page open: its own reads and the list poll share one record', async () => {
    const shown = stubNotifications();
    window.localStorage.setItem(SYSTEM_NOTIFICATIONS_KEY, 'on');
    renderApp(`/targets/${TARGET}/tasks/${ids.incremental}`);
    expect(await screen.findByTestId('caught-up-watch', {}, { timeout: 5000 })).toHaveAttribute('data-state', 'waiting');
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(requestsTo(WATCHES).length).toBeGreaterThanOrEqual(1);

    consoleStopsIt();
    await act(() => vi.advanceTimersByTimeAsync(2_100));
    expect(screen.getByTestId('caught-up-watch')).toHaveAttribute('data-state', 'done');
    expect(shown.map((n) => n.title)).toEqual([DONE_TITLE]);

    await act(() => vi.advanceTimersByTimeAsync(40_000));
    expect(shown).toHaveLength(1);
    expect(inAppTitles().filter((title) => title === DONE_TITLE)).toHaveLength(1);
  });
});
