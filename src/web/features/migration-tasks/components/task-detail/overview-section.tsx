import { Alert, Text } from '@mantine/core';
import type { MigrationTask } from '../../../../../api';
import { FieldList } from '../../../../components/field-list';
import { formatNumber } from '../../../../lib/format';
import { migrationMethodLabel, migrationTypeLabel, networkTypeLabel } from '../../lib/task-display';
import { Section } from './section';
import { useTaskPageT } from '../../lib/english-task-page';

function withRaw(label: string | null, raw: string | null | undefined) {
  if (!raw) return null;
  return label === raw ? raw : `${label} (${raw})`;
}

export function OverviewSection({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  const errorMessage = typeof task.error_message === 'string' ? task.error_message : null;
  const bandwidth = formatNumber(task.bandwidth_limit_mb);
  const features = task.supported_features;
  return (
    <Section title={t('overview')} testId="section-overview">
      {errorMessage && (
        <Alert color="red" variant="light" title={t('cloudErrorTitle')} role="note">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {errorMessage}
          </Text>
        </Alert>
      )}
      <FieldList
        cols={3}
        fields={[
          { label: t('fieldType'), value: withRaw(migrationTypeLabel(task.migration_type), task.migration_type) },
          { label: t('fieldMethod'), value: withRaw(migrationMethodLabel(task.migration_method), task.migration_method) },
          { label: t('fieldNetworkType'), value: withRaw(networkTypeLabel(task.network_type), task.network_type) },
          { label: t('fieldRedisVersion'), value: task.version },
          { label: t('fieldResumeMode'), value: task.resume_mode },
          { label: t('fieldBandwidth'), value: bandwidth ? t('bandwidthValue', { value: bandwidth }) : task.bandwidth_limit_mb },
          { label: t('fieldIpSwitch'), value: task.task_status },
          { label: t('fieldFeatures'), value: features ? features.join(', ') || t('featuresNone') : null },
          { label: t('fieldDescription'), value: task.description },
        ]}
      />
    </Section>
  );
}
