import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** Picks a target in the header's Target select (a native select), by its label. */
export async function chooseTarget(user: UserEvent, label: string) {
  const select = await screen.findByRole('combobox', { name: 'Target' });
  await user.selectOptions(select, screen.getByRole('option', { name: new RegExp(`^${label}`) }));
}
