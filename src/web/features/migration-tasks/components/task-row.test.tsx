import { act, screen, within } from '@testing-library/react';
import { formatExact } from '../../../lib/format';
import { renderApp } from '../../../testing/test-utils';

const PAGE = '/targets/sim-region-1';

/** What the keyboard lands on, by role and name, as a user would tell the Tab stops apart. */
function describeStop(element: Element): string {
  const role = element.tagName === 'A' ? 'link' : (element.getAttribute('type') ?? element.tagName.toLowerCase());
  return `${role}: ${element.getAttribute('aria-label') ?? element.textContent?.trim()}`;
}

describe('a row of the task list, by keyboard', () => {
  it('Tab visits its controls only (select, task, copy id, stop), not its created time', async () => {
    const { user } = renderApp(PAGE);
    const rowElement = (await screen.findAllByTestId('task-row'))[0]!;
    const row = within(rowElement);
    const checkbox = row.getByRole('checkbox');
    const link = row.getByRole('link');
    const name = link.textContent!;

    // From the row's first Tab stop, Tab until the keyboard leaves the row. (Focus in a row makes it
    // the list's highlighted row, a state update: inside act.)
    act(() => checkbox.focus());
    const stops = [checkbox];
    for (;;) {
      await user.tab();
      const focused = document.activeElement as HTMLElement | null;
      if (!focused || !rowElement.contains(focused)) break;
      stops.push(focused);
    }
    expect(stops.map(describeStop)).toEqual([
      `checkbox: Select ${name}`,
      `link: ${name}`,
      expect.stringMatching(/^button: Copy task id /),
      expect.stringMatching(/^button: Stop/),
    ]);
  });

  it('still tells everyone the exact created time: in the time’s text for screen readers, and on hover', async () => {
    renderApp(PAGE);
    const row = (await screen.findAllByTestId('task-row'))[0]!;
    const time = row.querySelector('time')!;
    const exact = formatExact(new Date(time.getAttribute('datetime')!));
    expect(time).not.toHaveAttribute('tabindex');
    expect(time.textContent).toMatch(/^(.+ ago|last year) \(/);
    expect(time.textContent!.endsWith(`(${exact})`)).toBe(true);
    expect(time.getAttribute('title')).toContain(exact);
  });
});
