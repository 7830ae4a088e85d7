import type { MigrationTask } from '../../../../api';
import { canStop, statusPhase } from '../../../../api/rules';
import { translate } from '../../../i18n';
import { notify } from '../../../lib/notify';
import { statusLabel } from '../../../lib/status-display';
import { stopKey, type StopEntry } from '../lib/stop-tracker';
import { showSystemNotification } from '../lib/system-notifications';
import { taskEndpoints } from '../lib/task-display';

/** "Stopped (TERMINATED)": the plain label and the raw status. */
const shownStatus = (status: string | null | undefined) =>
  translate('stop', 'statusWithRaw', { label: statusLabel(status), status: status ?? translate('stop', 'noStatus') });

export function notifyStopRequested(targetId: string, task: MigrationTask, name: string) {
  const { source, target } = taskEndpoints(task);
  notify.show({
    id: `stop-requested-${stopKey({ targetId, taskId: task.task_id })}`,
    color: 'orange',
    title: translate('stop', 'requestedTitle', { name, status: task.status ?? translate('stop', 'noStatus') }),
    message: translate('stop', 'requestedMessage', { source, target }),
    autoClose: 8000,
  });
}

export function notifyStopSettled(entry: StopEntry) {
  const status = entry.settledStatus;
  notify.hide(`stop-requested-${stopKey(entry)}`);
  if (entry.lost) {
    const title = translate('stop', 'lostTitle', { name: entry.name });
    const message = translate('stop', 'taskLost');
    notify.show({ color: 'gray', title, message, autoClose: false });
    showSystemNotification(title, message, `stop-${stopKey(entry)}`);
    return;
  }
  const stopped = statusPhase(status) === 'stopped';
  const title = stopped
    ? translate('stop', 'settledStoppedTitle', { name: entry.name })
    : translate('stop', 'settledOtherTitle', { name: entry.name, status: shownStatus(status) });
  const message = stopped
    ? translate('stop', 'settledStoppedMessage')
    : statusPhase(status) === 'failed'
      ? translate('stop', 'settledFailedMessage')
      : translate('stop', 'settledOtherMessage');
  notify.show({ id: `stop-settled-${stopKey(entry)}`, color: stopped ? 'green' : 'yellow', title, message, autoClose: false });
  showSystemNotification(title, message, `stop-${stopKey(entry)}`);
}

/** What a fresh read showed after a stop whose answer was lost. */
export function learnedOutcomeText(entry: StopEntry): string {
  const status = entry.learnedStatus ?? null;
  const shown = shownStatus(status);
  if (entry.outcome === 'applied') return translate('stop', 'learnedApplied', { status: shown });
  if (canStop(status)) return translate('stop', 'learnedNotApplied', { status: shown });
  return translate('stop', 'learnedSettled', { status: shown });
}

export function notifyStopOutcomeLearned(entry: StopEntry) {
  const applied = entry.outcome === 'applied';
  notify.show({
    // The id of "stop requested": a later "has stopped" replaces this one.
    id: `stop-requested-${stopKey(entry)}`,
    color: applied ? 'orange' : 'yellow',
    title: translate('stop', applied ? 'learnedAppliedTitle' : 'learnedNotAppliedTitle', { name: entry.name }),
    message: learnedOutcomeText(entry),
    autoClose: applied ? 8000 : false,
  });
}

/** A task whose page is open (or that is followed) turned to a failed status: tell the operator's system. */
export function notifyTaskFailed(targetId: string, task: Pick<MigrationTask, 'task_id' | 'task_name' | 'status'>) {
  const name = task.task_name || task.task_id;
  showSystemNotification(
    translate('stop', 'taskFailedTitle', { name }),
    translate('stop', 'taskFailedMessage', { status: shownStatus(task.status) }),
    `failed-${stopKey({ targetId, taskId: task.task_id })}`,
  );
}
