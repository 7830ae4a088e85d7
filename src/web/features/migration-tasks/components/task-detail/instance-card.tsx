import { Text } from '@mantine/core';
import type { ConsoleInstance } from '../../../../../api';
import { CopyId } from '../../../../components/copy-id';
import { FieldList } from '../../../../components/field-list';
import { KNOWN_INSTANCE_FIELDS, unknownFields } from '../../lib/unknown-fields';
import { Section } from './section';
import { UnknownFieldsTable } from './unknown-fields';
import { useTaskPageT } from '../../lib/english-task-page';

/** A value with a copy button, or nothing. */
export function copyable(value: string | number | null | undefined, label: string) {
  if (value === null || value === undefined || value === '') return null;
  return <CopyId value={String(value)} label={label} />;
}

/** One side of the migration. The password itself is never shown: only whether one is set. */
export function InstanceCard({
  title,
  instance,
  missingText,
  testId,
}: {
  title: string;
  instance: ConsoleInstance | null | undefined;
  missingText: string;
  testId: string;
}) {
  const t = useTaskPageT();
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  return (
    <Section title={title} testId={testId}>
      {instance ? (
        <>
          <FieldList
            fields={[
              { label: t('instanceName'), value: instance.name },
              { label: t('instanceId'), value: copyable(instance.id, t('instanceId')) },
              { label: t('instanceAddress'), value: copyable(instance.addrs, t('instanceAddress')) },
              { label: t('instanceIp'), value: copyable(instance.ip, t('instanceIp')) },
              { label: t('instancePort'), value: instance.port },
              { label: t('instanceDb'), value: instance.db },
              {
                label: t('instanceProxyMultiDb'),
                value: typeof instance.proxy_multi_db === 'boolean' ? yesNo(instance.proxy_multi_db) : null,
              },
              { label: t('instanceTaskStatus'), value: instance.task_status },
              {
                label: t('instancePassword'),
                value: instance.password_set === undefined ? null : instance.password_set ? t('passwordSet') : t('passwordNotSet'),
              },
            ]}
          />
          <UnknownFieldsTable fields={unknownFields(instance, KNOWN_INSTANCE_FIELDS)} />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {missingText}
        </Text>
      )}
    </Section>
  );
}
