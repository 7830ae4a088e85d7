import { Anchor, Code, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../../../components/states';

export function TaskNotFound({ taskId, backTo, invalid }: { taskId: string; backTo: string; invalid?: boolean }) {
  return (
    <EmptyState title={invalid ? 'Not a valid task id' : 'Migration task not found'}>
      <Text data-testid="task-not-found">
        {invalid ? (
          <>
            <Code>{taskId || '(empty)'}</Code> is not a migration task id: ids have only letters, digits and “-”.
          </>
        ) : (
          <>
            Migration task <Code>{taskId}</Code> was not found. It may have been deleted, or it belongs to another
            project or region.
          </>
        )}
      </Text>
      <Anchor component={Link} to={backTo}>
        Back to all migration tasks
      </Anchor>
    </EmptyState>
  );
}
