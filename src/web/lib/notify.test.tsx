import type { NotificationData } from '@mantine/notifications';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/test-utils';
import { notify, withAccessibleDefaults } from './notify';

describe('notify', () => {
  it('gives every notification a named close button that closes it', async () => {
    const { user } = renderWithProviders(<p>page</p>);
    act(() => notify.show({ id: 'n1', title: 'Task mig-1 has stopped', message: 'Its status is TERMINATED.' }));

    expect(await screen.findByText('Task mig-1 has stopped')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Close notification' }));
    // It leaves with its exit transition.
    await waitFor(() => expect(screen.queryByText('Task mig-1 has stopped')).toBeNull());
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
