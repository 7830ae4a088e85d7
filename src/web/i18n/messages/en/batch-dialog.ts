import type { Messages } from '../message';

// The batch stop dialog: confirmation, sending, per-task report. Comes with the dialog (loaded on
// demand: components/batch-stop/english.ts).
export const batchDialog = {
  // Confirmation.
  confirmTitle: { one: 'Stop {count} migration task?', other: 'Stop {count} migration tasks?' },
  confirmIntro: {
    one: 'You are about to stop this migration task:',
    other: 'You are about to stop these {count} migration tasks:',
  },
  listCaption: 'Tasks to stop',
  columnTask: 'Task',
  columnStatus: 'Current status',
  columnEndpoints: 'Source → target',
  incrementalTag: 'Incremental migration',
  meaningTitle: 'This cannot be undone',
  meaningText:
    'A stopped migration task cannot be resumed. Restarting it later means a full resynchronisation of the data. The stops are sent in batches of at most 50.',
  meaningIncremental: {
    one: 'One of them is an incremental migration: once it has stopped, writes to its source no longer reach its target.',
    other: '{count} of them are incremental migrations: once they have stopped, writes to their sources no longer reach their targets.',
  },
  reasonLabel: 'Reason',
  reasonDescription: 'Optional. Recorded in the audit trail with your name, for every task of the batch.',
  reasonCount: '{length} / {max}',
  typeToConfirmLabel: 'Type {count} to confirm',
  typeToConfirmDescription: {
    one: 'Required because an incremental migration is among the tasks.',
    other: 'Required because {count} incremental migrations are among the tasks.',
  },
  cancel: 'Cancel',
  done: 'Done',
  close: 'Close',

  // Sending.
  sendingBatch: 'Sending batch {batch} of {batches}…',
  runFailed: 'The batch stop failed in the page. Check the tasks’ statuses before trying again.',

  // Report.
  reportTitle: 'Batch stop report',
  reportCaption: 'What became of each task',
  columnOutcome: 'Outcome',
  columnLiveStatus: 'Status now',
  outcomeAccepted: 'Accepted',
  outcomeRefused: 'Refused',
  outcomeUnknown: 'Outcome unknown',
  outcomeFailed: 'Not stopped',
  outcomeNotSent: 'Not sent',
  outcomeAcceptedCount: { one: '{count} accepted', other: '{count} accepted' },
  outcomeRefusedCount: { one: '{count} refused', other: '{count} refused' },
  outcomeUnknownCount: { one: '{count} outcome unknown', other: '{count} outcomes unknown' },
  outcomeFailedCount: { one: '{count} not stopped', other: '{count} not stopped' },
  outcomeNotSentCount: { one: '{count} not sent', other: '{count} not sent' },
  acceptedText: 'The cloud accepted the stop.',
  refusedNoMessage: 'The cloud gave no message.',
  unknownText: 'The request was sent but no verdict came back: the console is reading the task to learn whether it stopped.',
  failedText: 'The request was refused before any task was stopped.',
  notSentText: 'Not sent, because an earlier batch failed.',
  requestFailedTitle: 'A batch request failed',
  requestFailedCodes: 'Code {code} · HTTP {status} · request {requestId}',
  following: 'Following until it has stopped…',
  followSettled: 'Settled',
  followLost: 'The cloud no longer knows this task.',

  // The batch's one notification, updated in place until every task has settled.
  notifyProgressTitle: { one: 'Stopping {count} task', other: 'Stopping {count} tasks' },
  notifyProgress: '{stopped} stopped, {pending} still stopping',
  notifyProgressNotStopped: '{stopped} stopped, {pending} still stopping, {notStopped} not stopped',
  notifyAllStoppedTitle: { one: '{count} task stopped', other: '{count} tasks stopped' },
  notifyAllStopped: 'Every task of the batch has stopped (TERMINATED).',
  notifySomeNotStoppedTitle: '{stopped} stopped, {notStopped} not stopped',
  notifyNotStopped: 'Not stopped: {names}.',
  notifyNamesMore: { one: '{names} and {count} more', other: '{names} and {count} more' },
  notifyNameSeparator: ', ',
  notifyShowReport: 'Show report',
} satisfies Messages;
