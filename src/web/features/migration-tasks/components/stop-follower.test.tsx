import { MantineProvider } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { buildTasks, ids } from '../../../testing/mocks/data';
import { createTestQueryClient } from '../../../testing/test-utils';
import { taskKeys } from '../api/query-keys';
import { createStopTracker, stopBlockedReason, stopKey, StopTrackerProvider } from '../lib/stop-tracker';
import { StopFollower } from './stop-follower';

function setup() {
  const tracker = createStopTracker();
  const queryClient = createTestQueryClient();
  const show = vi.spyOn(notifications, 'show');
  render(
    <StrictMode>
      <MantineProvider env="test">
        <QueryClientProvider client={queryClient}>
          <StopTrackerProvider tracker={tracker}>
            <StopFollower />
          </StopTrackerProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
  return { tracker, queryClient, show };
}

const task = buildTasks()[0]!;
const ref = { targetId: 'sim-region-1', taskId: ids.incremental };

describe('StopFollower', () => {
  afterEach(() => vi.restoreAllMocks());

  it('tells the operator exactly once when a stopped task has settled', async () => {
    const { tracker, queryClient, show } = setup();
    act(() => {
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'TERMINATING' });
      tracker.track({ ...ref, name: 'mig-orders-cache' });
    });
    expect(show).not.toHaveBeenCalled();

    act(() => {
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'TERMINATED' });
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'TERMINATED', updated_at: 'x' });
    });
    await waitFor(() => expect(tracker.getSnapshot().get(stopKey(ref))?.settledStatus).toBe('TERMINATED'));
    expect(show).toHaveBeenCalledTimes(1);
    expect(show.mock.calls[0]![0].title).toBe('mig-orders-cache has stopped (TERMINATED)');
  });

  it('settles at once, and once, when the cloud already answered TERMINATED', async () => {
    const { tracker, queryClient, show } = setup();
    act(() => {
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'TERMINATED' });
      tracker.track({ ...ref, name: 'mig-orders-cache' });
    });
    await waitFor(() => expect(show).toHaveBeenCalledTimes(1));
    expect(tracker.settle(ref, { status: 'TERMINATED' })).toBe(false);
  });

  it('leaves the end of a batch’s stops to the batch’s notification; a single stop still gets its own', async () => {
    const { tracker, queryClient, show } = setup();
    const other = { targetId: 'sim-region-1', taskId: ids.full };
    act(() => {
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'TERMINATED' });
      queryClient.setQueryData(taskKeys.detail(other), { ...task, task_id: ids.full, status: 'TERMINATED' });
      tracker.track({ ...ref, name: 'mig-orders-cache', batchId: 'batch-1' });
      tracker.track({ ...other, name: 'mig-session-store' });
    });
    await waitFor(() => expect(tracker.getSnapshot().get(stopKey(ref))?.settledStatus).toBe('TERMINATED'));
    await waitFor(() => expect(show).toHaveBeenCalledTimes(1));
    expect(show.mock.calls[0]![0].title).toBe('mig-session-store has stopped (TERMINATED)');
  });

  it('does not announce a task that is still stopping', async () => {
    const { tracker, queryClient, show } = setup();
    act(() => {
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'TERMINATING' });
      tracker.track({ ...ref, name: 'mig-orders-cache' });
    });
    act(() => queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'TERMINATING', x: 1 }));
    expect(show).not.toHaveBeenCalled();
    expect(tracker.getSnapshot().get(stopKey(ref))?.settledAt).toBeUndefined();
  });

  it('after a lost stop answer, ignores reads from before and learns from the first fresh one', async () => {
    const { tracker, queryClient, show } = setup();
    const entry = () => tracker.getSnapshot().get(stopKey(ref));
    act(() => {
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'INCRMIGEATING' }, { updatedAt: Date.now() - 1_000 });
      tracker.trackUnknown({ ...ref, name: 'mig-orders-cache' });
    });
    expect(entry()?.outcome).toBe('unknown');
    expect(stopBlockedReason(entry())).toBe('Waiting to learn whether the previous stop was applied');
    expect(show).not.toHaveBeenCalled();

    act(() => {
      queryClient.setQueryData(taskKeys.detail(ref), { ...task, status: 'INCRMIGEATING' }, { updatedAt: Date.now() + 1 });
    });
    await waitFor(() => expect(entry()?.outcome).toBe('not-applied'));
    expect(entry()?.settledAt).toBeDefined();
    expect(stopBlockedReason(entry())).toBeNull();
    expect(show).toHaveBeenCalledTimes(1);
    expect(show.mock.calls[0]![0].title).toBe('The stop of mig-orders-cache was apparently not applied');
  });
});
