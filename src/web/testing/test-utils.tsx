import type { QueryClient } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AppProviders } from '../app/providers';
import { createQueryClient, DEFAULT_QUERY_OPTIONS } from '../app/query-client';
import { routes } from '../app/router';

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

/** The whole app (layout, routes, providers) at `path`, with msw answering the console API. */
export function renderApp(path = '/', { queryClient = createTestQueryClient() } = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
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
  const user = userEvent.setup();
  const result = render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
    options,
  );
  return { ...result, user, router, queryClient };
}
