import { Text } from '@mantine/core';
import type { ConsoleInstance } from '../../../../../api';
import { FieldList } from '../../../../components/field-list';
import { KNOWN_INSTANCE_FIELDS, unknownFields } from '../../lib/unknown-fields';
import { Section } from './section';
import { UnknownFieldsTable } from './unknown-fields';

function passwordText(set: boolean | undefined): string | null {
  if (set === undefined) return null;
  return set ? 'set' : 'not set';
}

/** One side of the migration. The password itself is never shown: only whether one is set. */
export function InstanceCard({
  title,
  instance,
  missingText,
}: {
  title: string;
  instance: ConsoleInstance | null | undefined;
  missingText: string;
}) {
  return (
    <Section title={title} testId={`section-${title.toLowerCase().replace(/\s+/g, '-')}`}>
      {instance ? (
        <>
          <FieldList
            fields={[
              { label: 'Name', value: instance.name },
              { label: 'Instance ID', value: instance.id && <Text span ff="monospace" size="sm">{instance.id}</Text> },
              { label: 'Address', value: instance.addrs },
              { label: 'IP', value: instance.ip },
              { label: 'Port', value: instance.port },
              { label: 'Database', value: instance.db },
              {
                label: 'Proxy multi-DB',
                value: typeof instance.proxy_multi_db === 'boolean' ? (instance.proxy_multi_db ? 'Yes' : 'No') : null,
              },
              { label: 'Task status', value: instance.task_status },
              { label: 'Password', value: passwordText(instance.password_set) },
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
