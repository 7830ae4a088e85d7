import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { isApiError } from '../lib/api-client';
import { CopyId } from './copy-id';
import { errorHint } from './error-hints';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="wrap" align="center">
      <Text size="sm" fw={600} component="span">
        {label}:
      </Text>
      {children}
    </Group>
  );
}

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
}

/** An error with everything support needs: console code, cloud code and message, request ids. */
export function ErrorAlert({ error, title = 'Request failed', onRetry, retrying }: ErrorAlertProps) {
  const api = isApiError(error) ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  const hint = api ? errorHint(api.code) : null;
  const up = api?.upstream;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap={6}>
        <Text size="sm">{message}</Text>
        {hint && hint !== message && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {api && (
          <Row label="Console error">
            <Code>{api.code}</Code>
            {api.status > 0 && <Text size="sm" span>HTTP {api.status}</Text>}
          </Row>
        )}
        {up && (
          <Row label="Cloud error">
            <Code>{up.error_code ?? 'no code'}</Code>
            <Text size="sm" span>
              {up.error_msg ?? 'no message'} (HTTP {up.status})
            </Text>
          </Row>
        )}
        {api?.request_id && (
          <Row label="Request id">
            <CopyId value={api.request_id} label="Request id" />
          </Row>
        )}
        {up?.request_id && (
          <Row label="Cloud request id">
            <CopyId value={up.request_id} label="Cloud request id" />
          </Row>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry} loading={retrying}>
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
