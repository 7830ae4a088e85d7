import type { Messages } from '../message';

// The stop: its button, the confirmation dialog, what follows it, and stop notifications.
export const stop = {
  stop: 'Stop',
  stopNamed: 'Stop {name}',
  blockedUnknownOutcome: 'Waiting to learn whether the previous stop was applied',
  unavailable_stopping: 'A stop is already in progress for this task.',
  unavailable_stopped: 'This task has already been stopped.',
  unavailable_succeeded: 'This task has finished; there is nothing to stop.',
  unavailable_failed: 'This task has failed; there is nothing to stop.',
  unavailable_pending: 'This task has not started migrating yet.',
  unavailable_gone: 'This task has been released or deleted.',
  unavailable_unknown: 'The status "{status}" is not known to this console, so Stop is not offered.',

  reasonTooLong: 'Too long: at most {max} characters ({count} now).',
  reasonForbidden: 'Remove the invisible or control character {codePoint} at position {position}: a reason is one line of visible text.',
  taskLost: 'The cloud no longer knows this task; it may have been deleted.',
  outcomeUnknownText:
    'The stop request was sent but the console does not know whether the cloud applied it. Do not stop again yet: the console is checking the task\'s real status.',
  cloudErrorNote:
    'The cloud answered with an error, so the stop was most likely not applied. Check the task’s status (it is being read again) before trying again.',

  noStatus: 'no status',
  statusWithRaw: '{label} ({status})',
  requestedTitle: 'Stop requested — {name} is {status}',
  requestedMessage: '{source} → {target}. Following the task until it has stopped…',
  lostTitle: '{name} can no longer be found',
  settledStoppedTitle: '{name} has stopped (TERMINATED)',
  settledStoppedMessage: 'The migration task has stopped.',
  settledOtherTitle: '{name} is now {status}',
  settledOtherMessage: 'The task settled in a status other than stopped.',
  settledFailedMessage: 'The task failed instead of stopping. Open it to read why.',
  learnedApplied: 'The stop took effect: the task is now {status}.',
  learnedNotApplied: 'The stop was apparently not applied: the task is still {status}. Stop is available again.',
  learnedSettled: 'The stop\'s outcome is settled: the task is now {status}.',
  learnedAppliedTitle: 'The stop of {name} took effect',
  learnedNotAppliedTitle: 'The stop of {name} was apparently not applied',
  taskFailedTitle: '{name} failed',
  taskFailedMessage: 'The migration task is now {status}.',

  requestedAt: 'Stop requested at {time}',
  unknownWatchingTitle: 'Outcome of the stop unknown — watching the task\'s status',
  unknownWatchingText:
    '{requested}, but its answer was lost: the cloud may or may not have applied it. The console reads the task every 2 s until it knows. Do not stop again yet.',
  following: '{requested}; following the task until it has stopped…',
  followingAfterLearned: '{requested}. {learned} Following the task until it has stopped…',
  stoppedAt: 'Stopped at {time}.',
  settledAs: 'The task settled as {status} at {time}.',

  systemTitle: 'Browser notifications',
  systemOff: 'Get a browser notification when a stop you follow completes or an open task fails.',
  systemOn: 'On: a browser notification tells you when a stop you follow completes or an open task fails.',
  systemDenied: 'Blocked by your browser. Allow notifications for this site in the browser’s settings to use them.',
  systemUnsupported: 'This browser cannot show notifications.',
  systemEnable: 'Turn on browser notifications',
  systemDisable: 'Turn off browser notifications',
} satisfies Messages;
