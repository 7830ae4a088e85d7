import { Code, Stack, Table, Text } from '@mantine/core';
import { redactedJson } from '../../lib/unknown-fields';
import { useTaskPageT } from '../../lib/english-task-page';

/** Raw key + JSON value of fields the UI does not know, so new cloud fields stay visible. */
export function UnknownFieldsTable({ fields, emptyText }: { fields: [string, unknown][]; emptyText?: string }) {
  const t = useTaskPageT();
  if (fields.length === 0) {
    return emptyText ? (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    ) : null;
  }
  return (
    <Table withTableBorder withColumnBorders data-testid="unknown-fields">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('unknownField')}</Table.Th>
          <Table.Th scope="col">{t('unknownValue')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Td>
              <Text ff="monospace" size="sm">
                {key}
              </Text>
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {redactedJson(value)}
                </Code>
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
