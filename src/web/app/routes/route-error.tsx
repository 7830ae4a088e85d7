import { Button, Container, Stack } from '@mantine/core';
import { useRouteError } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';

/** Last resort when a page crashes: say so plainly and offer a reload. */
export function RouteError() {
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Stack>
        <ErrorAlert title="This page failed" error={error instanceof Error ? error : new Error(String(error))} />
        <Button variant="light" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </Stack>
    </Container>
  );
}
