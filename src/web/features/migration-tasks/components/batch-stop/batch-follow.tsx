// One batch stop, told by one notification: "Stopping 12 tasks — 7 stopped, 5 still stopping",
// updated in place as the StopFollower settles the tasks, ending with a summary that names the ones
// that did not stop (and, if the operator turned them on, one browser notification).
import { statusPhase } from '../../../../../api/rules';
import { notify } from '../../../../lib/notify';
import type { BatchTaskOutcome } from '../../api/batch-stop-migration-tasks';
import { stopKey, type StopEntry, type StopTracker } from '../../lib/stop-tracker';
import { showSystemNotification } from '../../lib/system-notifications';
import { taskDisplayName, type TaskLike } from '../../lib/task-display';
import { BatchNotificationMessage } from './batch-notification-message';
import { batchNotificationText } from './batch-notification-text';
import { translateBatchDialog } from './english';

/** The settles of one poll (up to 50 reads answering within moments) become one update, not 50 announcements. */
export const BATCH_NOTIFICATION_UPDATE_MS = 400;

type Ending = 'stopped' | 'not-stopped';

const isFollowed = (outcome: BatchTaskOutcome) => outcome.kind === 'accepted' || outcome.kind === 'unknown';

function endingOf(entry: StopEntry): Ending | undefined {
  if (entry.settledAt === undefined) return undefined;
  return statusPhase(entry.settledStatus) === 'stopped' && !entry.lost ? 'stopped' : 'not-stopped';
}

let runs = 0;

export interface BatchFollow {
  /** What became of a batch's tasks (BatchStopVariables.onBatchAnswered): follows those whose stop may have been applied. */
  answer(answered: [taskId: string, outcome: BatchTaskOutcome][]): void;
}

/** Starts following one run of the batch stop dialog; nothing shows until a stop may have been applied. */
export function followBatch({ targetId, tasks, tracker }: { targetId: string; tasks: TaskLike[]; tracker: StopTracker }): BatchFollow {
  const batchId = `batch-stop-${Date.now()}-${++runs}`;
  const names = new Map(tasks.map((task) => [task.task_id, taskDisplayName(task)]));
  const outcomes = new Map<string, BatchTaskOutcome>();
  const endings = new Map<string, Ending>();
  let shownKey: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;

  const finish = () => {
    unsubscribe?.();
    clearTimeout(timer);
  };

  const collectEndings = () => {
    const entries = tracker.getSnapshot();
    for (const [taskId, outcome] of outcomes) {
      if (endings.has(taskId)) continue;
      if (!isFollowed(outcome)) {
        endings.set(taskId, 'not-stopped');
        continue;
      }
      const entry = entries.get(stopKey({ targetId, taskId }));
      // A later stop of the same task replaces the entry: only this batch's entry tells this batch's end.
      const ending = entry?.batchId === batchId ? endingOf(entry) : undefined;
      if (ending) endings.set(taskId, ending);
    }
  };

  const render = () => {
    timer = undefined;
    collectEndings();
    const pending = tasks.length - endings.size;
    if (![...outcomes.values()].some(isFollowed)) {
      if (pending === 0) finish(); // nothing was applied: the dialog's report says it all
      return;
    }
    const text = batchNotificationText({
      total: tasks.length,
      stopped: [...endings.values()].filter((ending) => ending === 'stopped').length,
      pending,
      notStopped: tasks.filter((task) => endings.get(task.task_id) === 'not-stopped').map(taskDisplayName),
    });
    const key = `${text.title}|${text.message}|${outcomes.size}`;
    if (key === shownKey) return;
    const data = {
      id: batchId,
      color: text.color,
      title: text.title,
      message: <BatchNotificationMessage text={text.message} targetId={targetId} tasks={tasks} outcomes={new Map(outcomes)} />,
      loading: !text.done,
      autoClose: false as const,
      role: 'status',
      closeButtonProps: { 'aria-label': translateBatchDialog('close') },
      // Mantine's grey description falls under 4.5:1; the theme's dimmed colour does not (in either scheme).
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
      'data-testid': 'batch-notification',
    };
    // The progress respects a dismissal; the summary comes back even then.
    if (shownKey === null || text.done) notify.show(data);
    notify.update(data);
    shownKey = key;
    if (text.done) {
      showSystemNotification(text.title, text.message, batchId);
      finish();
    }
  };

  const schedule = () => {
    timer ??= setTimeout(render, BATCH_NOTIFICATION_UPDATE_MS);
  };

  return {
    answer(answered) {
      for (const [taskId, outcome] of answered) {
        outcomes.set(taskId, outcome);
        const name = names.get(taskId) ?? taskId;
        if (outcome.kind === 'accepted') tracker.track({ targetId, taskId, name, batchId });
        if (outcome.kind === 'unknown') tracker.trackUnknown({ targetId, taskId, name, batchId, requestedAt: outcome.sentAt });
      }
      unsubscribe ??= tracker.subscribe(schedule);
      // The first answer shows at once; later ones join the next update.
      if (shownKey === null) render();
      else schedule();
    },
  };
}
