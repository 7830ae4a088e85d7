import type { Messages } from '../message';

// The overview (`/`): every target at a glance. On demand, with the page (features/overview/lib/english.ts).
export const overview = {
  title: 'Overview',
  intro: 'Every target at a glance: its tasks by status, and the tasks that need attention.',
  scanEvery: 'The console reads each target’s task list every {seconds} s.',
  loading: 'Loading the overview…',
  loadFailed: 'Could not load the overview',
  refreshFailed: 'Could not refresh the overview',
  what: 'the overview',
  noTargets: 'The console serves no target yet.',

  // A target's card.
  region: 'Region {region}',
  answering: 'Answering',
  notAnswering: 'Not answering',
  notReadYet: 'Not read yet',
  unreachableTitle: 'The cloud is not answering',
  unreachableStale: 'The figures below are from the console’s last successful read.',
  unreachableNoData: 'The console has not read this target’s tasks successfully yet.',
  readAgo: 'Read {age} ago',
  firstReadSoon: 'The console reads this target within {seconds} s.',
  total: { one: '{count} task', other: '{count} tasks' },
  countsLabel: 'Tasks by status',
  noTasks: 'No migration tasks in this target.',
  truncated: 'The list is longer than the console reads: the counts cover only its beginning.',
  allTasks: 'All tasks',
  allTasksOf: 'of {target}',

  // Needs attention.
  attentionTitle: 'Needs attention',
  attentionEmpty: 'Nothing needs attention',
  kind_failed: 'Failed',
  kind_stopping_long: { one: 'Stopping for {count} min', other: 'Stopping for {count} min' },
  kind_lag_rising: 'Lag rising ({offsets})',
  kind_watch_waiting: 'Stop when caught up: waiting',
  kindOther: 'Other ({kind})',
  since_failed: 'since {time}',
  since_stopping_long: 'since {time}',
  since_lag_rising: 'latest sample {time}',
  since_watch_waiting: 'armed {time}',
  unnamedTask: '(unnamed task)',
} satisfies Messages;
