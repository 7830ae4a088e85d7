import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../../i18n';
import {
  disableSystemNotifications,
  enableSystemNotifications,
  useSystemNotificationsState,
} from '../lib/system-notifications';

/** The explicit opt-in for browser notifications: the browser's permission is asked only from here. */
export function SystemNotificationsToggle() {
  const t = useT('stop');
  const state = useSystemNotificationsState();
  const [asking, setAsking] = useState(false);
  const text = {
    on: t('systemOn'),
    off: t('systemOff'),
    denied: t('systemDenied'),
    unsupported: t('systemUnsupported'),
  }[state];
  const enable = () => {
    setAsking(true);
    void enableSystemNotifications().finally(() => setAsking(false));
  };
  return (
    <Group gap="sm" wrap="wrap" data-testid="system-notifications" data-state={state}>
      <Text size="sm" c="dimmed" style={{ flex: '1 1 16rem' }}>
        {text}
      </Text>
      {state === 'off' && (
        <Button size="compact-sm" variant="light" onClick={enable} loading={asking}>
          {t('systemEnable')}
        </Button>
      )}
      {state === 'on' && (
        <Button size="compact-sm" variant="default" onClick={disableSystemNotifications}>
          {t('systemDisable')}
        </Button>
      )}
    </Group>
  );
}
