import { defaultScheduler, notifyManager, type QueryClient } from '@tanstack/react-query';
import { act, render, waitFor, type RenderOptions } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AppProviders } from '../app/providers';
import { createQueryClient, DEFAULT_QUERY_OPTIONS } from '../app/query-client';
import { routes } from '../app/router';
import { setLocale, type Locale } from '../i18n';

/**
 * The app's query client (its sign-in handling included), without retries unless `retries` asks
 * for the app's own retry policy (at most 2 retries, Retry-After, 1 s then 2 s).
 */
export function createTestQueryClient({ retries = false }: { retries?: boolean } = {}): QueryClient {
  return createQueryClient({
    queries: retries
      ? { ...DEFAULT_QUERY_OPTIONS.queries, gcTime: Number.POSITIVE_INFINITY }
      : { retry: false, gcTime: Number.POSITIVE_INFINITY },
    mutations: { retry: false },
  });
}

/**
 * user-event that, under the test clock, moves it for its own small pauses instead of waiting for them.
 * Without its pointer-events check: in jsdom Mantine's stylesheets are not loaded, so the check could
 * only ever see inline styles (none sets pointer-events), and it read the computed style of every
 * ancestor on each click, a seventh of the web tests' time. A disabled control still ignores clicks;
 * the e2e journeys hit-test in a real browser.
 */
function setupUser() {
  return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never, advanceTimers: (ms) => (vi.isFakeTimers() ? vi.advanceTimersByTime(ms) : undefined) });
}

/** The whole app (layout, routes, providers) at `path`, with msw answering the console API. */
export function renderApp(path = '/', { queryClient = createTestQueryClient() } = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = setupUser();
  const result = render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, user, router, queryClient };
}

/** One component with the app's providers and a router around it. */
export function renderWithProviders(
  ui: ReactElement,
  { queryClient = createTestQueryClient(), ...options }: { queryClient?: QueryClient } & RenderOptions = {},
) {
  const router = createMemoryRouter([{ path: '*', element: ui }]);
  const user = setupUser();
  const result = render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
    options,
  );
  return { ...result, user, router, queryClient };
}

/** Switches the language the way the header's switch does, inside act: every label re-renders. */
export function switchLocale(locale: Locale): Promise<void> {
  return act(() => setLocale(locale, { remember: false }));
}

/**
 * The test's clock for the tests of this file (or describe block): fake timers that also follow
 * real time, so msw answers and findBy… work as usual, while polls, holds and debounces happen
 * when the test moves the clock with advance(ms), not after real seconds.
 */
export function useTestClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    // A query's answer reaches React in a microtask as it lands. TanStack's own setTimeout(0) would be
    // a fake timer here, fired at the clock's next step after a wait has handed back: a render outside act.
    notifyManager.setScheduler(queueMicrotask);
  });
  afterEach(() => {
    notifyManager.setScheduler(defaultScheduler);
    vi.useRealTimers();
  });
}

/** Waits until no query is fetching and no mutation is pending: every answer asked for has landed. */
export function settled(queryClient: QueryClient): Promise<void> {
  return waitFor(() => expect(queryClient.isFetching() + queryClient.isMutating()).toBe(0));
}

/** Waits until every answer has landed and `ui()` finds what it looks for; returns what it found. */
export function whenSettled<T>(queryClient: QueryClient, ui: () => T): Promise<T> {
  return waitFor(() => {
    expect(queryClient.isFetching() + queryClient.isMutating()).toBe(0);
    return ui();
  });
}

/** Moves the test clock on by `ms`, running every timer due and the renders they cause. */
export function advance(ms: number): Promise<void> {
  return act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}
