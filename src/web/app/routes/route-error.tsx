import { Button, Container, Stack } from '@mantine/core';
import { useRouteError } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { useT } from '../../i18n';

/** Last resort when a page crashes: say so plainly and offer a reload. */
export function RouteError() {
  const t = useT('shell');
  const tc = useT('common');
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <Stack>
        <ErrorAlert title={t('pageFailed')} error={error instanceof Error ? error : new Error(String(error))} />
        <Button variant="light" onClick={() => window.location.reload()}>
          {tc('reloadPage')}
        </Button>
      </Stack>
    </Container>
  );
}
