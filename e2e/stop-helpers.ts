import type { Locator } from '@playwright/test';

/**
 * Confirms the open stop dialog as an operator does: types the task's name when the dialog asks
 * for it (incremental migrations), then presses "Stop task" (any language: by test id and role).
 */
export async function confirmStop(dialog: Locator, buttonName: string | RegExp = 'Stop task') {
  const confirm = dialog.getByRole('button', { name: buttonName });
  await confirm.waitFor(); // the dialog loads on demand: its fields exist once the button does
  const typed = dialog.getByTestId('stop-type-to-confirm');
  if ((await typed.count()) > 0) {
    const name = (await dialog.getByTestId('stop-dialog-task-name').innerText()).trim();
    await typed.fill(name);
  }
  await confirm.click();
}
