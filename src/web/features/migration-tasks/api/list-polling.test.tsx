import { focusManager } from '@tanstack/react-query';
import { act, screen } from '@testing-library/react';
import { ids } from '../../../testing/mocks/data';
import { findTask, requestsTo } from '../../../testing/mocks/db';
import { advance, renderApp, switchLocale, useTestClock } from '../../../testing/test-utils';

const LIST = '/api/migration-tasks';

describe('list polling in the page', () => {
  useTestClock();
  afterEach(async () => {
    act(() => focusManager.setFocused(undefined));
    await switchLocale('en');
  });

  it('refetches every 5 s while a shown task can change', async () => {
    renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    const before = requestsTo(LIST).length;
    await advance(5_100);
    expect(requestsTo(LIST).length).toBe(before + 1);
    await advance(5_000);
    expect(requestsTo(LIST).length).toBe(before + 2);
  });

  it('keeps checking every 30 s when no shown task can change, so a task that fails elsewhere appears', async () => {
    renderApp('/targets/sim-region-1?status=FAILED,MIGRATION_FAILED');
    await screen.findAllByTestId('task-row');
    expect(screen.getByTestId('task-count')).toHaveTextContent('6 tasks match');
    expect(screen.getByTestId('refresh-status')).toHaveTextContent('no task on this page is changing · checking every 30 s');
    expect(screen.getByTestId('refresh-status')).not.toHaveTextContent('settled');
    const before = requestsTo(LIST).length;
    await advance(20_000);
    expect(requestsTo(LIST).length).toBe(before);

    findTask(ids.full)!.status = 'MIGRATION_FAILED';
    await advance(10_100);
    expect(requestsTo(LIST).length).toBe(before + 1);
    expect(await screen.findByRole('link', { name: 'mig-session-store' })).toBeInTheDocument();
    expect(screen.getByTestId('task-count')).toHaveTextContent('7 tasks match');
  });

  it('keeps checking an empty result too', async () => {
    renderApp('/targets/sim-region-1?status=DELETED');
    expect(await screen.findByTestId('task-count')).toHaveTextContent('0 tasks match');
    const before = requestsTo(LIST).length;
    await advance(30_100);
    expect(requestsTo(LIST).length).toBe(before + 1);
  });

  it('pauses in a background tab and checks again when the tab is back', async () => {
    renderApp('/targets/sim-region-1?status=SUCCESS,FAILED');
    await screen.findAllByTestId('task-row');
    const before = requestsTo(LIST).length;
    act(() => focusManager.setFocused(false));
    await advance(65_000);
    expect(requestsTo(LIST).length).toBe(before);
    act(() => focusManager.setFocused(true));
    await advance(100);
    expect(requestsTo(LIST).length).toBe(before + 1);
  });

  it('says so in Chinese', async () => {
    await switchLocale('zh-CN');
    renderApp('/targets/sim-region-1?status=SUCCESS,FAILED');
    await screen.findAllByTestId('task-row');
    expect(screen.getByTestId('refresh-status')).toHaveTextContent('本页没有正在变化的任务 · 每 30 秒检查一次');
  });
});
