import { within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/**
 * Confirms the open stop dialog as an operator does: types the task name when the dialog asks
 * for it (incremental migrations), then presses "Stop task".
 */
export async function confirmStop(user: UserEvent, dialog: HTMLElement, name: string) {
  const typed = within(dialog).queryByRole('textbox', { name: /^Type the task name/ });
  if (typed) await user.type(typed, name);
  await user.click(within(dialog).getByRole('button', { name: 'Stop task' }));
}
