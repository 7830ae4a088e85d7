import { Button, Text } from '@mantine/core';
import { EmptyState } from '../../../components/states';
import { useT } from '../../../i18n';

interface TaskListEmptyProps {
  filtered: boolean;
  /** Total matches; above 0 with no rows means the page is past the end. */
  count: number;
  onClearFilters: () => void;
  onFirstPage: () => void;
}

export function TaskListEmpty({ filtered, count, onClearFilters, onFirstPage }: TaskListEmptyProps) {
  const t = useT('list');
  if (count > 0) {
    return (
      <EmptyState title={t('pastEndTitle')}>
        <Text c="dimmed">{t('pastEndText', { count })}</Text>
        <Button variant="light" onClick={onFirstPage}>
          {t('firstPage')}
        </Button>
      </EmptyState>
    );
  }
  if (filtered) {
    return (
      <EmptyState title={t('noMatchTitle')}>
        <Text c="dimmed">{t('noMatchText')}</Text>
        <Button variant="light" onClick={onClearFilters}>
          {t('clearFilters')}
        </Button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={t('noTasksTitle')}>
      <Text c="dimmed">{t('noTasksText')}</Text>
    </EmptyState>
  );
}
