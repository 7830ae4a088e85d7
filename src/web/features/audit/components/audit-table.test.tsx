import { screen, within } from '@testing-library/react';
import { auditIds } from '../../../testing/mocks/audit';
import { renderApp } from '../../../testing/test-utils';

describe('the activity table', () => {
  it("a row's time is no Tab stop of its own; its exact time is in its text for screen readers", async () => {
    renderApp('/activity');
    const row = (await screen.findAllByTestId('audit-row')).find((r) => r.dataset.recordId === auditIds.accepted)!;
    const time = within(row).getByText('2 minutes ago');
    expect(time.tagName).toBe('TIME');
    expect(time).not.toHaveAttribute('tabindex');
    expect(time).toHaveTextContent(/^2 minutes ago \(\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d .+\)$/);
    // The row's own controls stay: the task link and the copy buttons.
    expect(within(row).getByRole('link', { name: 'mig-legacy-queue' })).toBeInTheDocument();
  });
});
