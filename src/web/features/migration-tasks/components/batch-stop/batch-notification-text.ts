// The words of a batch stop's one notification: how many tasks have stopped, how many are still
// stopping, and at the end which ones did not stop.
import { translateBatchDialog } from './english';

/** Where the tasks of one batch stand. `notStopped`: the names of those that ended otherwise (refused, failed, lost…). */
export interface BatchTally {
  total: number;
  stopped: number;
  pending: number;
  notStopped: string[];
}

export interface BatchNotificationText {
  title: string;
  message: string;
  color: 'orange' | 'green' | 'yellow';
  /** Every task has ended: this is the summary. */
  done: boolean;
}

/** Names shown before "and N more": enough to recognise them, few enough to read at a glance. */
const NAMES_SHOWN = 3;

export function namesText(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(translateBatchDialog('notifyNameSeparator'));
  const more = names.length - NAMES_SHOWN;
  return more > 0 ? translateBatchDialog('notifyNamesMore', { names: shown, count: more }) : shown;
}

export function batchNotificationText({ total, stopped, pending, notStopped }: BatchTally): BatchNotificationText {
  if (pending > 0) {
    const message = notStopped.length
      ? translateBatchDialog('notifyProgressNotStopped', { stopped, pending, notStopped: notStopped.length })
      : translateBatchDialog('notifyProgress', { stopped, pending });
    return { title: translateBatchDialog('notifyProgressTitle', { count: total }), message, color: 'orange', done: false };
  }
  if (notStopped.length === 0) {
    return {
      title: translateBatchDialog('notifyAllStoppedTitle', { count: total }),
      message: translateBatchDialog('notifyAllStopped'),
      color: 'green',
      done: true,
    };
  }
  return {
    title: translateBatchDialog('notifySomeNotStoppedTitle', { stopped, notStopped: notStopped.length }),
    message: translateBatchDialog('notifyNotStopped', { names: namesText(notStopped) }),
    color: 'yellow',
    done: true,
  };
}
