// GET of a task's watch answers 200 `{ watch }` (null when none was set), so the browser logs no 404.
import { ids } from '../../../testing/mocks/data';
import { TARGET_1 } from '../../../testing/mocks/targets';
import { setWatch, waitingWatch } from '../../../testing/mocks/handlers/caught-up';
import { getCaughtUpWatch } from './stop-when-caught-up';

const ref = { targetId: TARGET_1, taskId: ids.incremental };

describe('getCaughtUpWatch', () => {
  it('is null when no watch was ever set', async () => {
    expect(await getCaughtUpWatch(ref)).toBeNull();
  });

  it("is the task's latest watch when one was set", async () => {
    setWatch(waitingWatch(ids.incremental, TARGET_1, { threshold: 7 }));
    expect(await getCaughtUpWatch(ref)).toMatchObject({ task_id: ids.incremental, state: 'waiting', threshold: 7 });
  });
});
