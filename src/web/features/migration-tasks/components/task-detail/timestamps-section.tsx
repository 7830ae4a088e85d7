import type { MigrationTask } from '../../../../../api';
import { ExactTime } from '../../../../components/date-time';
import { FieldList } from '../../../../components/field-list';
import { Section } from './section';
import { useTaskPageT } from '../../lib/english-task-page';

export function TimestampsSection({ task }: { task: MigrationTask }) {
  const t = useTaskPageT();
  return (
    <Section title={t('timestamps')} testId="section-timestamps">
      <FieldList
        cols={3}
        fields={[
          { label: t('createdAt'), value: task.created_at && <ExactTime value={task.created_at} /> },
          { label: t('updatedAt'), value: task.updated_at && <ExactTime value={task.updated_at} /> },
          { label: t('releasedAt'), value: task.released_at && <ExactTime value={task.released_at} /> },
        ]}
      />
    </Section>
  );
}
