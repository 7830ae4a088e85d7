import type { Messages } from '../message';

export const shell = {
  appName: 'DCS Migration Console',
  mainNav: 'Main',
  overview: 'Overview',
  activity: 'Activity',
  theme: 'Theme',
  themeAuto: 'System',
  themeLight: 'Light',
  themeDark: 'Dark',
  language: 'Language',
  languageLoadFailed: 'Could not load the language; check the connection and try again.',
  sessionLoadFailed: 'Could not load your session',
  sessionRefreshFailed: 'Could not refresh your session',
  sessionWhat: 'your session',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at {path}.',
  goToTasks: 'Go to migration tasks',
  pageFailed: 'This page failed',
} satisfies Messages;
