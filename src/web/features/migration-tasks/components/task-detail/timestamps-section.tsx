import type { MigrationTask } from '../../../../../api';
import { ExactTime } from '../../../../components/date-time';
import { FieldList } from '../../../../components/field-list';
import { Section } from './section';

export function TimestampsSection({ task }: { task: MigrationTask }) {
  return (
    <Section title="Timestamps" testId="section-timestamps">
      <FieldList
        cols={3}
        fields={[
          { label: 'Created', value: task.created_at && <ExactTime value={task.created_at} /> },
          { label: 'Updated / completed', value: task.updated_at && <ExactTime value={task.updated_at} /> },
          { label: 'Migration ECS released', value: task.released_at && <ExactTime value={task.released_at} /> },
        ]}
      />
    </Section>
  );
}
