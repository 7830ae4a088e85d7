import { Alert, Text } from '@mantine/core';
import type { MigrationTask } from '../../../../../api';
import { FieldList } from '../../../../components/field-list';
import { formatNumber } from '../../../../lib/format';
import { migrationMethodLabel, migrationTypeLabel, networkTypeLabel } from '../../lib/task-display';
import { Section } from './section';

function withRaw(label: string | null, raw: string | null | undefined) {
  if (!raw) return null;
  return label === raw ? raw : `${label} (${raw})`;
}

export function OverviewSection({ task }: { task: MigrationTask }) {
  const errorMessage = typeof task.error_message === 'string' ? task.error_message : null;
  const bandwidth = formatNumber(task.bandwidth_limit_mb);
  const features = task.supported_features;
  return (
    <Section title="Overview" testId="section-overview">
      {errorMessage && (
        <Alert color="red" variant="light" title="The cloud reports an error for this task" role="note">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {errorMessage}
          </Text>
        </Alert>
      )}
      <FieldList
        cols={3}
        fields={[
          { label: 'Type', value: withRaw(migrationTypeLabel(task.migration_type), task.migration_type) },
          { label: 'Method', value: withRaw(migrationMethodLabel(task.migration_method), task.migration_method) },
          { label: 'Network type', value: withRaw(networkTypeLabel(task.network_type), task.network_type) },
          { label: 'Redis version', value: task.version },
          { label: 'Resume mode', value: task.resume_mode },
          { label: 'Bandwidth limit', value: bandwidth ? `${bandwidth} MB/s` : task.bandwidth_limit_mb },
          { label: 'IP switch status', value: task.task_status },
          { label: 'Supported features', value: features ? features.join(', ') || 'none' : null },
          { label: 'Description', value: task.description },
        ]}
      />
    </Section>
  );
}
