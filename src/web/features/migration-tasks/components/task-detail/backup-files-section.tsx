import { Table, Text } from '@mantine/core';
import type { MigrationTask } from '../../../../../api';
import { FieldList } from '../../../../components/field-list';
import { formatBytes, MISSING } from '../../../../lib/format';
import { Section } from './section';

const FILE_SOURCES: Record<string, string> = {
  self_build_obs: 'OBS bucket',
  backup_record: 'Backup record',
};

export function BackupFilesSection({ task }: { task: MigrationTask }) {
  const backup = task.backup_files;
  const files = backup?.files ?? [];
  const source = backup?.file_source;
  return (
    <Section title="Backup files" testId="section-backup-files">
      <FieldList
        cols={3}
        fields={[
          { label: 'File source', value: source && (FILE_SOURCES[source] ? `${FILE_SOURCES[source]} (${source})` : source) },
          { label: 'Bucket', value: backup?.bucket_name },
          { label: 'Backup ID', value: backup?.backup_id },
        ]}
      />
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          The cloud lists no files for this import.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Size</Table.Th>
                <Table.Th scope="col">Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.map((file, i) => (
                <Table.Tr key={`${file.file_name ?? ''}-${i}`}>
                  <Table.Td ff="monospace">{file.file_name || MISSING}</Table.Td>
                  <Table.Td title={file.size != null ? `${file.size} bytes` : undefined}>
                    {formatBytes(file.size) ?? (file.size != null ? String(file.size) : MISSING)}
                  </Table.Td>
                  <Table.Td>{file.update_at || MISSING}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
