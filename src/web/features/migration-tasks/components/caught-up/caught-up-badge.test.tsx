import { screen, waitFor } from '@testing-library/react';
import { ids } from '../../../../testing/mocks/data';
import { requestsTo } from '../../../../testing/mocks/db';
import { setWatch, waitingWatch } from '../../../../testing/mocks/handlers/caught-up';
import { renderApp, switchLocale } from '../../../../testing/test-utils';

const TARGET = 'sim-region-1';
const open = async (taskId = ids.incremental) => {
  renderApp(`/targets/${TARGET}/tasks/${taskId}`);
  await screen.findByTestId('task-status', {}, { timeout: 5_000 });
  return screen.findByTestId('section-caught-up', {}, { timeout: 5_000 });
};

describe('the task header’s stop-when-caught-up badge', () => {
  afterEach(() => switchLocale('en'));

  it('shows the live state of an active watch and links to the panel', async () => {
    setWatch(waitingWatch(ids.incremental, TARGET, { threshold: 1000, polls_in_a_row: 2, consecutive_polls: 3 }));
    const panel = await open();
    const badge = await screen.findByTestId('caught-up-badge');
    expect(badge).toHaveTextContent('Stop when caught up: 2 of 3 polls at or under 1,000');
    expect(badge).toHaveAttribute('href', '#stop-when-caught-up');
    expect(panel).toHaveAttribute('id', 'stop-when-caught-up');

    await switchLocale('zh-CN');
    await waitFor(() => expect(screen.getByTestId('caught-up-badge')).toHaveTextContent('追平后停止：2/3 次轮询不高于 1,000'));
  });

  it('is absent without a watch', async () => {
    await open();
    await screen.findByRole('form', { name: 'Stop when caught up' });
    expect(screen.queryByTestId('caught-up-badge')).not.toBeInTheDocument();
  });

  it('is absent for a finished watch', async () => {
    setWatch(waitingWatch(ids.incremental, TARGET, { state: 'cancelled', cancelled_by: 'x', finished_at: new Date().toISOString() }));
    const panel = await open();
    await screen.findByText(/Cancelled by/, {}, { timeout: 5_000 });
    expect(panel).toBeInTheDocument();
    expect(screen.queryByTestId('caught-up-badge')).not.toBeInTheDocument();
    expect(requestsTo(`/api/migration-tasks/${ids.incremental}/stop-when-caught-up`, 'GET').length).toBeGreaterThan(0);
  });
});
