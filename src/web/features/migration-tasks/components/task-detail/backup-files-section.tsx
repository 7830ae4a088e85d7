import { Table, Text } from '@mantine/core';
import type { MigrationTask } from '../../../../../api';
import { FieldList } from '../../../../components/field-list';
import { formatBytes, MISSING } from '../../../../lib/format';
import { copyable } from './instance-card';
import { Section } from './section';
import { useTaskPageT } from '../../lib/english-task-page';

const FILE_SOURCES = { self_build_obs: 'fileSourceObs', backup_record: 'fileSourceBackupRecord' } as const;

export function BackupFilesSection({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const backup = task.backup_files;
  const files = backup?.files ?? [];
  const source = backup?.file_source;
  const sourceKey = source && Object.hasOwn(FILE_SOURCES, source) ? FILE_SOURCES[source as keyof typeof FILE_SOURCES] : null;
  return (
    <Section title={t('backupFiles')} testId="section-backup-files">
      <FieldList
        cols={3}
        fields={[
          { label: t('fileSource'), value: source && (sourceKey ? `${t(sourceKey)} (${source})` : source) },
          { label: t('bucket'), value: backup?.bucket_name },
          { label: t('backupId'), value: copyable(backup?.backup_id, t('backupId')) },
        ]}
      />
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('noBackupFiles')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('file')}</Table.Th>
                <Table.Th scope="col">{t('fileSize')}</Table.Th>
                <Table.Th scope="col">{t('fileUpdated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.map((file, i) => (
                <Table.Tr key={`${file.file_name ?? ''}-${i}`}>
                  <Table.Td ff="monospace">{file.file_name || MISSING}</Table.Td>
                  <Table.Td title={file.size != null ? t('fileBytes', { value: String(file.size) }) : undefined}>
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
