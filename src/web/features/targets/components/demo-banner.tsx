import { Box, Text } from '@mantine/core';
import { useT } from '../../../i18n';
import { useRouteTarget } from '../../../lib/current-target';

/** A yellow banner while the current target is the embedded simulator instead of Huawei Cloud. */
export function DemoBanner() {
  const t = useT('targets');
  const target = useRouteTarget();
  if (!target?.simulated) return null;
  return (
    <Box
      data-testid="demo-banner"
      role="note"
      bg="yellow.3"
      py={8}
      px="md"
      style={{ borderBottom: '1px solid var(--mantine-color-yellow-6)' }}
    >
      <Text size="sm" fw={700} c="black" ta="center">
        {t('demoBanner')}
      </Text>
    </Box>
  );
}
