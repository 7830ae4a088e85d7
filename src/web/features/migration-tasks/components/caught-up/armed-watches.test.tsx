import { screen, waitFor, within } from '@testing-library/react';
import { CSRF_HEADER } from '../../../../../api';
import { ids } from '../../../../testing/mocks/data';
import { db, requestsTo } from '../../../../testing/mocks/db';
import { setWatch, waitingWatch, watchOf } from '../../../../testing/mocks/handlers/caught-up';
import { ids2, TARGET_1, TARGET_2 } from '../../../../testing/mocks/targets';
import { renderApp, switchLocale } from '../../../../testing/test-utils';

const LIST = '/api/stop-when-caught-up';
const WATCH = `/api/migration-tasks/${ids.incremental}/stop-when-caught-up`;

function armTwo() {
  setWatch(
    waitingWatch(ids.incremental, TARGET_1, {
      threshold: 1000,
      polls_in_a_row: 2,
      consecutive_polls: 3,
      last_poll: { at: new Date().toISOString(), status: 'INCRMIGEATING', offset: 640, caught_up: true, error_code: null, error_message: null },
    }),
  );
  setWatch(waitingWatch(ids2.inventory, TARGET_2, { threshold: 0, polls_in_a_row: 0, consecutive_polls: 5 }));
}

async function openSection() {
  const result = renderApp('/activity');
  const section = await screen.findByTestId('armed-watches', {}, { timeout: 5_000 });
  return { ...result, section };
}

describe('armed stop-when-caught-up watches on the activity page', () => {
  afterEach(() => switchLocale('en'));

  it('lists the active watches of every target, each task linked to its page', async () => {
    armTwo();
    setWatch(waitingWatch(ids.terminated, TARGET_1, { state: 'done', finished_at: new Date().toISOString() }));
    const { section } = await openSection();
    expect(within(section).getByRole('heading', { name: 'Armed stop-when-caught-up watches' })).toBeInTheDocument();
    await waitFor(() => expect(within(section).getAllByTestId('armed-watch')).toHaveLength(2));
    const [first, second] = within(section).getAllByTestId('armed-watch');
    expect(first).toHaveTextContent('Simulated region 1');
    expect(first).toHaveTextContent('1,000');
    expect(within(first!).getByTestId('armed-watch-polls')).toHaveTextContent('2 of 3 in a row');
    expect(first).toHaveTextContent('640');
    expect(first).toHaveTextContent('Waiting to catch up');
    const link = await within(first!).findByRole('link', { name: 'mig-orders-cache' });
    expect(link).toHaveAttribute('href', `/targets/${TARGET_1}/tasks/${ids.incremental}`);
    expect(second).toHaveTextContent('Simulated region 2');
    expect(await within(second!).findByRole('link', { name: 'mig-eu-inventory' })).toHaveAttribute(
      'href',
      `/targets/${TARGET_2}/tasks/${ids2.inventory}`,
    );
    expect(requestsTo(LIST).map((r) => r.url.searchParams.get('target')).sort()).toEqual(expect.arrayContaining([TARGET_1, TARGET_2]));
  });

  it('cancels after a confirm step: DELETE with the target, then the row goes', async () => {
    armTwo();
    const { user, section } = await openSection();
    const row = (await within(section).findAllByTestId('armed-watch')).find((r) => r.dataset.taskId === ids.incremental)!;
    await user.click(within(row).getByRole('button', { name: 'Cancel the watch' }));
    expect(requestsTo(WATCH, 'DELETE')).toHaveLength(0);
    const confirm = within(row).getByRole('group', { name: 'Confirm cancelling the watch' });
    await user.click(within(confirm).getByRole('button', { name: 'Yes, cancel the watch' }));
    await waitFor(() => expect(requestsTo(WATCH, 'DELETE')).toHaveLength(1));
    const [del] = requestsTo(WATCH, 'DELETE');
    expect(del!.url.searchParams.get('target')).toBe(TARGET_1);
    expect(del!.headers.get(CSRF_HEADER)).toBe(db.session.csrf_token);
    expect(watchOf(ids.incremental)?.state).toBe('cancelled');
    await waitFor(() => expect(within(section).getAllByTestId('armed-watch')).toHaveLength(1));
    expect(within(section).getByTestId('armed-watch')).toHaveAttribute('data-task-id', ids2.inventory);
  });

  it('says so in one line when no watch is armed', async () => {
    const { section } = await openSection();
    expect(await within(section).findByTestId('armed-watches-empty')).toHaveTextContent('No watch is armed');
    expect(within(section).queryByRole('table')).not.toBeInTheDocument();
  });

  it('speaks Chinese', async () => {
    armTwo();
    const { section } = await openSection();
    await within(section).findAllByTestId('armed-watch');
    await switchLocale('zh-CN');
    // The switch remounts the page: read it afresh.
    const fresh = await screen.findByTestId('armed-watches');
    expect(await within(fresh).findByRole('heading', { name: '已启用的追平后停止监视' })).toBeInTheDocument();
    const row = (await within(fresh).findAllByTestId('armed-watch'))[0]!;
    expect(within(row).getByTestId('armed-watch-polls')).toHaveTextContent('连续 2/3 次');
    expect(within(row).getByRole('button', { name: '取消监视' })).toBeInTheDocument();
  });
});
