import { act, screen } from '@testing-library/react';
import { requestsTo } from '../../../testing/mocks/db';
import { renderApp } from '../../../testing/test-utils';

const LIST = '/api/migration-tasks';

describe('list polling in the page', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('refetches every 5 s while a shown task can change', async () => {
    renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const before = requestsTo(LIST).length;
    await act(() => vi.advanceTimersByTimeAsync(5_100));
    expect(requestsTo(LIST).length).toBe(before + 1);
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(requestsTo(LIST).length).toBe(before + 2);
  });

  it('does not poll once every shown task is settled', async () => {
    renderApp('/targets/sim-region-1?status=SUCCESS,FAILED');
    await screen.findAllByTestId('task-row');
    const before = requestsTo(LIST).length;
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(requestsTo(LIST).length).toBe(before);
    expect(screen.getByTestId('refresh-status')).toHaveTextContent('all tasks settled');
  });
});
