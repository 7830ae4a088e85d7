import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { MISSING } from '../lib/format';

export interface Field {
  label: string;
  value: ReactNode;
}

function isEmpty(value: ReactNode): boolean {
  return value === null || value === undefined || value === '' || value === false;
}

/** Label/value pairs as a description list; missing values show as "—". */
export function FieldList({ fields, cols = 2 }: { fields: Field[]; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: cols }} spacing="md" verticalSpacing="xs" m={0}>
      {fields.map((field) => (
        <Stack key={field.label} gap={0}>
          <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
            {field.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {isEmpty(field.value) ? MISSING : field.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
