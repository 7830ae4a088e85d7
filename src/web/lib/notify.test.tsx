import type { NotificationData } from '@mantine/notifications';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/test-utils';
import { notify, withAccessibleDefaults } from './notify';

describe('notify', () => {
  it('gives every notification a named close button that closes it', async () => {
    renderWithProviders(<p>page</p>);
    notify.show({ id: 'n1', title: 'Task mig-1 has stopped', message: 'Its status is TERMINATED.' });

    expect(await screen.findByText('Task mig-1 has stopped')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Close notification' }));
    await expect.poll(() => screen.queryByText('Task mig-1 has stopped')).toBeNull();
  });

  it('keeps what the caller chose: its own close label and styles win', () => {
    const styles = { description: { color: 'red' } };
    const data = withAccessibleDefaults({ message: 'm', closeButtonProps: { 'aria-label': 'Dismiss' }, styles });
    expect(data.closeButtonProps).toEqual({ 'aria-label': 'Dismiss' });
    expect(data.styles).toBe(styles);
    const plain: NotificationData = { message: 'm' };
    expect(withAccessibleDefaults(plain).styles).toEqual({ description: { color: 'var(--mantine-color-dimmed)' } });
  });
});
