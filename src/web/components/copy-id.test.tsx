import { screen, waitFor } from '@testing-library/react';
import { advance, renderWithProviders, switchLocale, useTestClock } from '../testing/test-utils';
import { CopyId } from './copy-id';

const ID = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';

describe('CopyId', () => {
  useTestClock();
  afterEach(() => switchLocale('en'));

  it('copies the full value, says "copied" to screen readers and on hover, without a tooltip', async () => {
    const { user } = renderWithProviders(<CopyId value={ID} display="5e6f7a8b…" label="Task ID" />);
    const button = await screen.findByRole('button', { name: `Copy task id ${ID}` });
    expect(button).toHaveAttribute('title', `Copy task id ${ID}`);
    expect(screen.getByText('5e6f7a8b…')).toHaveAttribute('title', ID);
    expect(screen.getByRole('status')).toHaveTextContent('');

    await user.click(button);
    // The clipboard answers in a promise: "copied" follows it, not the click.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Task ID copied to the clipboard'));
    await expect(navigator.clipboard.readText()).resolves.toBe(ID);
    expect(button).toHaveAttribute('title', 'Copied');
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    // After a moment (1.5 s) it is a copy button again.
    await advance(1500);
    expect(button).toHaveAttribute('title', `Copy task id ${ID}`);
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('speaks Chinese in Chinese', async () => {
    await switchLocale('zh-CN');
    const { user } = renderWithProviders(<CopyId value={ID} label="任务 ID" />);
    const button = await screen.findByRole('button', { name: `复制任务 ID ${ID}` });
    await user.click(button);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('任务 ID已复制到剪贴板'));
    expect(button).toHaveAttribute('title', '已复制');
  });
});
