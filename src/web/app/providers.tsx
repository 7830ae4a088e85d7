import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LazyNotifications } from '../components/lazy-notifications';
import { StopTrackerProvider } from '../features/migration-tasks/lib/stop-tracker';
import { LocaleRemount } from '../i18n';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme';

interface AppProvidersProps {
  queryClient: QueryClient;
  children: ReactNode;
  /** 'test' disables transitions and portals (component tests). */
  env?: 'default' | 'test';
}

export function AppProviders({ queryClient, children, env }: AppProvidersProps) {
  return (
    <MantineProvider
      theme={theme}
      env={env}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <QueryClientProvider client={queryClient}>
        <StopTrackerProvider>
          <LazyNotifications />
          <LocaleRemount>{children}</LocaleRemount>
        </StopTrackerProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
