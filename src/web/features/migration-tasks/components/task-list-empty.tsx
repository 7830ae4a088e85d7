import { Button, Text } from '@mantine/core';
import { EmptyState } from '../../../components/states';

interface TaskListEmptyProps {
  filtered: boolean;
  /** Total matches; above 0 with no rows means the page is past the end. */
  count: number;
  onClearFilters: () => void;
  onFirstPage: () => void;
}

export function TaskListEmpty({ filtered, count, onClearFilters, onFirstPage }: TaskListEmptyProps) {
  if (count > 0) {
    return (
      <EmptyState title="No tasks on this page">
        <Text c="dimmed">There are {count} matching tasks, but this page is past the end of the list.</Text>
        <Button variant="light" onClick={onFirstPage}>
          Go to the first page
        </Button>
      </EmptyState>
    );
  }
  if (filtered) {
    return (
      <EmptyState title="No migration tasks match">
        <Text c="dimmed">No task matches the current name search or status filter.</Text>
        <Button variant="light" onClick={onClearFilters}>
          Clear filters
        </Button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No migration tasks yet">
      <Text c="dimmed">This project has no data-migration tasks in this region.</Text>
    </EmptyState>
  );
}
