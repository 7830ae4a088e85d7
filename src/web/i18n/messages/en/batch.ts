import type { Messages } from '../message';

// Selecting tasks in the list for a batch stop: the checkboxes and the bar (the dialog's texts are
// in batch-dialog.ts and come with the dialog).
export const batch = {
  // Selection.
  selectTask: 'Select {name}',
  selectAllOnPage: 'Select all stoppable tasks on this page',
  blockedStatus: 'Cannot be selected: a task in status {label} ({status}) cannot be stopped.',
  blockedStopping: 'Cannot be selected: a stop of this task is already being followed.',
  blockedOutcomeUnknown: 'Cannot be selected: waiting to learn whether the previous stop was applied.',
  selectHint: 'Select stoppable tasks to stop several at once.',
  selectedCount: { one: '{count} selected', other: '{count} selected' },
  clearSelection: 'Clear selection',
  stopSelected: { one: 'Stop {count} task', other: 'Stop {count} tasks' },
} satisfies Messages;
