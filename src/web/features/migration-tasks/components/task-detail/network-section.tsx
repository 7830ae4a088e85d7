import { Text } from '@mantine/core';
import type { MigrationTask } from '../../../../../api';
import { FieldList } from '../../../../components/field-list';
import { Section } from './section';

const mono = (value: string | null | undefined) =>
  value ? (
    <Text span ff="monospace" size="sm">
      {value}
    </Text>
  ) : null;

export function NetworkSection({ task }: { task: MigrationTask }) {
  return (
    <Section title="Network" testId="section-network">
      <FieldList
        fields={[
          { label: 'VPC', value: mono(task.tenant_vpc_id) },
          { label: 'Subnet', value: mono(task.tenant_subnet_id) },
          { label: 'Security group', value: mono(task.tenant_security_group_id) },
          { label: 'Migration ECS private IP', value: mono(task.ecs_tenant_private_ip) },
        ]}
      />
    </Section>
  );
}
