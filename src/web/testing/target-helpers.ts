import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** Picks a target in the header's Target select, by its label. */
export async function chooseTarget(user: UserEvent, label: string) {
  await user.click(await screen.findByRole('combobox', { name: 'Target' }));
  await user.click(await screen.findByRole('option', { name: new RegExp(`^${label}`) }));
}
