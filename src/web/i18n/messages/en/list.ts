import type { Messages } from '../message';

// The task list page: heading, filters, sort, table, paging, refresh line and keyboard hint.
export const list = {
  documentTitle: 'Migration tasks · {target}',
  title: 'Migration tasks',
  count: { one: '{count} task', other: '{count} tasks' },
  countMatching: { one: '{count} task matches', other: '{count} tasks match' },
  loadFailed: 'Could not load migration tasks',
  refreshFailed: 'Could not refresh the list',
  loadWhat: 'the tasks',

  // Filters and sort.
  searchLabel: 'Search by name',
  searchPlaceholder: 'Task name',
  statusLegend: 'Status',
  statusOptionRaw: '({value})',
  statusOptionUnknown: 'Unknown ({value})',
  sortLabel: 'Sort',
  sortCloud: 'As the cloud lists them',
  sortNewest: 'Created: newest first',
  sortOldest: 'Created: oldest first',
  sortChanged: 'Last changed: latest first',
  sortNameAsc: 'Name: A → Z',
  sortNameDesc: 'Name: Z → A',
  sortStatus: 'Status: migrating first',
  clearFilters: 'Clear filters',

  // Table.
  tableCaption: 'Migration tasks',
  columnName: 'Name',
  columnId: 'Task ID',
  columnStatus: 'Status',
  columnType: 'Type',
  columnMethod: 'Method',
  columnEndpoints: 'Source → target',
  columnCreated: 'Created',
  columnChanged: 'Last changed',
  changedEarlier: 'no later than',
  changedEarlierHint: 'The status has not changed since the console first read the task; the change itself was earlier.',
  changedUnknown: 'The console has not read this status yet (it reads every list in the background, at most 30 s behind).',
  columnActions: 'Actions',
  unnamedTask: '(unnamed task)',

  // Empty states.
  pastEndTitle: 'No tasks on this page',
  pastEndText: {
    one: 'There is {count} matching task, but this page is past the end of the list.',
    other: 'There are {count} matching tasks, but this page is past the end of the list.',
  },
  firstPage: 'Go to the first page',
  noMatchTitle: 'No migration tasks match',
  noMatchText: 'No task matches the current name search or status filter.',
  noTasksTitle: 'No migration tasks yet',
  noTasksText: 'This project has no data-migration tasks in this region.',

  // Paging.
  showingRange: 'Showing {first}–{last} of {count}',
  totalCount: '{count} in total',
  rowsPerPage: 'Rows per page',
  pagination: 'Pagination',
  pageNumber: 'Page {page}',
  pageFirst: 'First page',
  pagePrevious: 'Previous page',
  pageNext: 'Next page',
  pageLast: 'Last page',

  // Refresh line (also used by the task page).
  updatedPolling: 'Updated {time} · refreshing every {seconds} s',
  updatedSettled: 'Updated {time} · {settled}',
  updatedQuiet: 'Updated {time} · {quiet} · checking every {seconds} s',
  noneChangingOnPage: 'no task on this page is changing',
  refreshing: 'Refreshing',

  // Keyboard hint.
  shortcutsTitle: 'Keyboard:',
  shortcutSearch: 'search',
  shortcutMove: 'next / previous task',
  shortcutOpen: 'open the task',
  shortcutStop: 'stop it',
  shortcutHelp: 'all keys',

  // A row's "stop when caught up" watch.
  watchWaiting: 'Stops when caught up: {polls} of {total} polls ≤ {threshold}',
  watchWaitingNext: 'Stops when caught up: {polls} of {total} polls ≤ {threshold} · next in {seconds} s',
  watchStopping: 'Caught up: stopping',
} satisfies Messages;
