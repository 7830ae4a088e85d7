import type { MigrationTask } from '../../../../../api';
import { FieldList } from '../../../../components/field-list';
import { copyable } from './instance-card';
import { Section } from './section';
import { useTaskPageT } from '../../lib/english-task-page';

export function NetworkSection({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  return (
    <Section title={t('network')} testId="section-network">
      <FieldList
        fields={[
          { label: t('networkVpcId'), value: copyable(task.tenant_vpc_id, t('networkVpcId')) },
          { label: t('networkSubnet'), value: copyable(task.tenant_subnet_id, t('networkSubnet')) },
          { label: t('networkSecurityGroup'), value: copyable(task.tenant_security_group_id, t('networkSecurityGroup')) },
          { label: t('networkEcsIp'), value: copyable(task.ecs_tenant_private_ip, t('networkEcsIp')) },
        ]}
      />
    </Section>
  );
}
