import { screen, waitFor, within } from '@testing-library/react';
import { buildStats, ids } from '../../../../testing/mocks/data';
import { db, findTask } from '../../../../testing/mocks/db';
import { renderApp, switchLocale } from '../../../../testing/test-utils';

describe('the task page’s progress', () => {
  // The page is a route loaded on demand: load its code once here, not inside the first test's 1 s wait.
  beforeAll(() => import('../../../../app/routes/task'));

  it('does not call the offset in sync while the full sync is unfinished, also after a stop at 67 %', async () => {
    findTask(ids.incremental)!.status = 'TERMINATED';
    db.stats.set(ids.incremental, { ...buildStats(), full_migration_progress: '67', offset: '0', source_dbsize: '382847', target_dbsize: '256507' });
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    const progress = await screen.findByTestId('section-progress');
    expect(await within(progress).findByText('67%')).toBeInTheDocument();
    expect(progress).toHaveTextContent('— (full sync not finished)');
    expect(progress).not.toHaveTextContent('in sync');
    expect(progress).toHaveTextContent('256,507');
  });

  it('says in sync once the full sync has finished and the offset is 0', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), full_migration_progress: '100', offset: '0' });
    renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
    const progress = await screen.findByTestId('section-progress');
    await waitFor(() => expect(progress).toHaveTextContent('0 (in sync)'));
  });

  it('speaks Chinese: —（全量迁移未完成）, never 已同步, during the full sync', async () => {
    db.stats.set(ids.incremental, { ...buildStats(), full_migration_progress: '88', offset: '0' });
    await switchLocale('zh-CN');
    try {
      renderApp(`/targets/sim-region-1/tasks/${ids.incremental}`);
      const progress = await screen.findByTestId('section-progress');
      await waitFor(() => expect(progress).toHaveTextContent('—（全量迁移未完成）'));
      expect(progress).not.toHaveTextContent('已同步');
    } finally {
      await switchLocale('en');
    }
  });
});
