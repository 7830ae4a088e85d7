import { Card, Stack, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** A titled card; the title names the region for assistive technology. */
/** `anchor`: an element id to link to (`#anchor`). */
export function Section({ title, children, testId, anchor }: { title: string; children: ReactNode; testId?: string; anchor?: string }) {
  const id = useId();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id} data-testid={testId} id={anchor}>
      <Stack gap="md">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
