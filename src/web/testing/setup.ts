import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import * as React from 'react';
import { forgetCsrfToken } from '../lib/csrf-token';
import { loadNotifications } from '../lib/notify';
import { resetMockDb } from './mocks/db';
import { server } from './mocks/node';
import { installConsoleGuard } from '../../api/testing/console-guard';

// First of this file's hooks, so its check runs after every other afterEach (the unmount included).
installConsoleGuard();

// React's development build captures a stack trace for every element it creates (its "owner
// stacks", for DevTools and the component stacks of its warnings): a fifth of the web tests' time
// (three heavy files: 55 -> 43 s). Here it keeps its stand-in instead, as it does past 10,000
// elements a second. Its warnings still fire and still fail the test that prints one; they only
// name no owner stack. Without this internal counter (another React) nothing changes but the speed.
const reactInternals = (React as unknown as Record<string, Record<string, unknown> | undefined>).__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
if (reactInternals && 'recentlyCreatedOwnerStacks' in reactInternals) {
  Object.defineProperty(reactInternals, 'recentlyCreatedOwnerStacks', { configurable: true, get: () => Number.MAX_SAFE_INTEGER, set: () => {} });
}

// jsdom lacks a few browser APIs Mantine uses.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

class ResizeObserverShim {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverShim });
}
// Textarea autosize listens for web fonts loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}
Element.prototype.scrollIntoView ??= () => {};
window.HTMLElement.prototype.scrollTo ??= () => {};

// findBy…/waitFor/user-event hand React its act() environment back after one setTimeout(0). Under
// the test clock (useTestClock) that timeout is a fake one, run in the same clock step as the page's
// own due timers (TanStack Query's batched notifications), whose renders would then land just after
// the hand-back, outside act. A real timeout, captured before any test fakes timers, lets them run
// while the wait is still on. Otherwise as Testing Library's own wrapper.
const realSetTimeout = globalThis.setTimeout;
configure({
  asyncWrapper: async (wait) => {
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const previous = env.IS_REACT_ACT_ENVIRONMENT;
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      const result: unknown = await wait();
      await new Promise((resolve) => realSetTimeout(resolve, 0));
      return result;
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = previous;
    }
  },
  // A wait follows its condition and returns as soon as it holds; this only bounds a wait that never
  // ends. 1 s (the default) is shorter than a cold page takes on a loaded 2-core machine.
  asyncUtilTimeout: 5_000,
});

// No promise may be left rejected without a handler (a `mutateAsync` without catch, a fire-and-forget
// fetch): the test that let one through fails, not a later one or the run as a whole.
const unhandled: unknown[] = [];
const onUnhandledRejection = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandledRejection);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  // Notifications load on first use in the app; tests see them at once, in call order.
  await loadNotifications();
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0)); // let Node report rejections of this test
  const reasons = unhandled.splice(0);
  if (reasons.length > 0) {
    throw new Error(`Unhandled promise rejection during this test: ${reasons.map(String).join('; ')}`);
  }
});
afterEach(() => {
  cleanup();
  notifications.clean();
  server.resetHandlers();
  resetMockDb();
  window.sessionStorage.clear(); // the sign-in loop guard
  window.localStorage.clear(); // remembered language and theme: the next test, maybe of another file, starts afresh
  document.title = ''; // the document outlives the test: no page's title is left for the next one to read
  forgetCsrfToken(); // each test's page reads its own session
  vi.restoreAllMocks();
});
afterAll(() => {
  server.close();
  process.off('unhandledRejection', onUnhandledRejection);
});
