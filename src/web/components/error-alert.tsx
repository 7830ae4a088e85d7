import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
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

/** "UPSTREAM_ERROR (DCS.5000)": the console's code, and the cloud's when there is one. */
export function errorCodes(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const cloud = error.upstream?.error_code;
  return cloud ? `${error.code} (${cloud})` : error.code;
}

/**
 * Everything support needs about an error: the message, what it means, the console's code and HTTP
 * status, the cloud's code, message and status, and both request ids.
 */
export function ErrorDetails({
  error,
  showMessage = true,
  request = 'read',
}: {
  error: unknown;
  showMessage?: boolean;
  /** A `write` (a stop) is sent once: its explanation never claims a retry. */
  request?: 'read' | 'write';
}) {
  const t = useT('errors');
  const api = isApiError(error) ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  const hint = api ? errorHint(api.code, request) : null;
  const up = api?.upstream;
  return (
    <Stack gap={6}>
      {showMessage && <Text size="sm">{message}</Text>}
      {hint && hint !== message && (
        // Not `dimmed`: grey on the alert's tinted background falls under 4.5:1 in the dark theme.
        <Text size="sm" fs="italic">
          {hint}
        </Text>
      )}
      {api && (
        <Row label={t('consoleError')}>
          <Code>{api.code}</Code>
          {api.status > 0 && (
            <Text size="sm" span>
              {t('http', { status: String(api.status) })}
            </Text>
          )}
        </Row>
      )}
      {up && up.status > 0 && ( // status 0: the cloud never answered (the console's code says why)
        <Row label={t('cloudError')}>
          <Code>{up.error_code ?? t('noCode')}</Code>
          <Text size="sm" span>
            {up.error_msg ?? t('noMessage')} ({t('http', { status: String(up.status) })})
          </Text>
        </Row>
      )}
      {api?.request_id && (
        <Row label={t('requestId')}>
          <CopyId value={api.request_id} label={t('requestId')} />
        </Row>
      )}
      {up?.request_id && (
        <Row label={t('cloudRequestId')}>
          <CopyId value={up.request_id} label={t('cloudRequestId')} />
        </Row>
      )}
    </Stack>
  );
}

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  /** Shows Retry, never disabled: a click during automatic retries starts a fresh attempt at once. */
  onRetry?: () => void;
  /** What the console will do about it ("Retrying automatically in 2 s (attempt 2)…"). */
  plan?: ReactNode;
  /** More words for this situation, shown after the details. */
  children?: ReactNode;
  testId?: string;
  /** What failed: a `write` (a stop) is never retried, and its explanation says so. */
  request?: 'read' | 'write';
}

/** An error with everything support needs, what the console does next, and Retry. */
export function ErrorAlert({ error, title, onRetry, plan, children, testId = 'error-alert', request }: ErrorAlertProps) {
  const t = useT('errors');
  const tc = useT('common');
  return (
    <Alert color="red" variant="light" title={title ?? t('requestFailed')} role="alert" data-testid={testId}>
      <Stack gap={6}>
        <ErrorDetails error={error} request={request} />
        {children}
        {plan}
        {onRetry && (
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              {tc('retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
