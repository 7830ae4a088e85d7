import { screen } from '@testing-library/react';
import { formatExact } from '../lib/format';
import { advance, renderWithProviders, switchLocale, useTestClock } from '../testing/test-utils';
import { ExactTime, RelativeTime } from './date-time';

describe('RelativeTime', () => {
  useTestClock();
  afterEach(() => switchLocale('en'));

  it('shows "5 minutes ago"; the exact time on hover (title) and on keyboard focus (data-exact, focusable)', async () => {
    const at = new Date(Date.now() - 5 * 60_000);
    renderWithProviders(<RelativeTime value={at.toISOString()} raw={false} />);
    const time = await screen.findByText('5 minutes ago');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('datetime', at.toISOString());
    expect(time).toHaveAttribute('title', formatExact(at));
    expect(time).toHaveAttribute('data-exact', formatExact(at));
    expect(time).toHaveAttribute('tabindex', '0');
  });

  it('with tabStop={false} (in a table row with controls of its own): no Tab stop, the exact time still in its text and title', async () => {
    const at = new Date(Date.now() - 5 * 60_000);
    const { user } = renderWithProviders(
      <>
        <button type="button">before</button>
        <RelativeTime value={at.toISOString()} raw={false} tabStop={false} />
        <button type="button">after</button>
      </>,
    );
    const time = await screen.findByText('5 minutes ago', { exact: false });
    expect(time).not.toHaveAttribute('tabindex');
    // Hidden from sight until the keyboard is in its row (date-time.css), not from screen readers.
    expect(time).toHaveTextContent(`5 minutes ago (${formatExact(at)})`);
    expect(time.querySelector('.dcs-time-exact')).not.toHaveAttribute('aria-hidden');
    expect(time).toHaveAttribute('title', formatExact(at));
    screen.getByRole('button', { name: 'before' }).focus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
  });

  it('adds the cloud’s raw value to the hover text of cloud times', async () => {
    const { container } = renderWithProviders(<RelativeTime value="2025/11/20 08:30:00" />);
    await screen.findByText(/ago$|last year/);
    const time = container.ownerDocument.querySelector('time')!;
    expect(time.getAttribute('title')).toMatch(/^20 Nov 2025, \d\d:30:00 .+ \(cloud value: 2025\/11\/20 08:30:00\)$/);
  });

  it('keeps itself current: "just now" becomes "1 minute ago" without a re-render from outside', async () => {
    renderWithProviders(<RelativeTime value={new Date().toISOString()} raw={false} />);
    expect(await screen.findByText('just now')).toBeInTheDocument();
    await advance(65_000);
    expect(screen.getByText('1 minute ago')).toBeInTheDocument();
  });

  it('in Chinese: "5分钟前", the exact time in Chinese form', async () => {
    await switchLocale('zh-CN');
    const at = new Date(Date.now() - 5 * 60_000);
    renderWithProviders(<RelativeTime value={at.toISOString()} />);
    const time = await screen.findByText('5分钟前');
    expect(time.getAttribute('title')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 .*（云端原始值：.+）$/);
  });

  it('shows a value it cannot read as it is, and a missing one as "—"', async () => {
    renderWithProviders(
      <>
        <RelativeTime value="sometime soon" />
        <ExactTime value={null} />
      </>,
    );
    expect(await screen.findByText('sometime soon')).not.toHaveAttribute('title');
    expect(screen.getByText('—')).toBeInTheDocument();
  });
});

describe('ExactTime', () => {
  it('shows the exact time with the relative one beside it, and no Tab stop (the exact time is on screen)', async () => {
    const at = new Date(Date.now() - 5 * 60_000);
    const { container } = renderWithProviders(<ExactTime value={at.toISOString()} />);
    expect(await screen.findByText(formatExact(at))).toHaveAttribute('title', `cloud value: ${at.toISOString()}`);
    expect(screen.getByText('5 minutes ago')).not.toHaveAttribute('tabindex');
    // Within what this test rendered (Mantine's textarea autosize keeps a hidden, unfocusable
    // measuring textarea in the document once any earlier test has shown one).
    expect(container.querySelector('[tabindex]')).toBeNull();
  });
});

describe('past events a little ahead of the browser’s clock', () => {
  it('read "just now", never "in 3 seconds" (the server’s clock ahead, or the shared clock a tick behind)', async () => {
    const ahead = new Date(Date.now() + 3_000).toISOString();
    renderWithProviders(
      <>
        <RelativeTime value={ahead} raw={false} />
        <ExactTime value={ahead} />
      </>,
    );
    expect(await screen.findAllByText('just now')).toHaveLength(2);
    expect(screen.queryByText(/^in /)).not.toBeInTheDocument();
  });

  it('a time far ahead (a clock set wrong) still says so', async () => {
    renderWithProviders(<RelativeTime value={new Date(Date.now() + 2 * 3_600_000).toISOString()} raw={false} />);
    expect(await screen.findByText('in 2 hours')).toBeInTheDocument();
  });
});
