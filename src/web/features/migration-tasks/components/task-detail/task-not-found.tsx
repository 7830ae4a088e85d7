import { Anchor, Code, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../../../components/states';
import { useTaskPageT } from '../../lib/english-task-page';

export function TaskNotFound({ taskId, backTo, invalid }: { taskId: string; backTo: string; invalid?: boolean }) {
  const t = useTaskPageT();
  return (
    <EmptyState title={invalid ? t('invalidIdTitle') : t('notFoundTitle')}>
      <Text data-testid="task-not-found">
        {!invalid && `${t('notFoundBefore')} `}
        <Code>{taskId || t('emptyId')}</Code> {invalid ? t('invalidIdText') : t('notFoundText')}
      </Text>
      <Anchor component={Link} to={backTo}>
        {t('backToAll')}
      </Anchor>
    </EmptyState>
  );
}
