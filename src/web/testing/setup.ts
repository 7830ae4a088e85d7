// First, so its check runs after every other afterEach (the unmount included).
import '../../api/testing/console-guard';
import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup } from '@testing-library/react';
import { loadNotifications } from '../lib/notify';
import { resetMockDb } from './mocks/db';
import { server } from './mocks/node';

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
  vi.restoreAllMocks();
});
afterAll(() => {
  server.close();
  process.off('unhandledRejection', onUnhandledRejection);
});
