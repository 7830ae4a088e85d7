import type { Messages } from '../message';

export const common = {
  loading: 'Loading…',
  retry: 'Retry',
  reloadPage: 'Reload the page',
  cancel: 'Cancel',
  closeNotification: 'Close notification',
  id: 'ID',
  copyValue: 'Copy {label} {value}',
  copied: 'Copied',
  copiedValue: '{label} copied to the clipboard',
  // Times (lib/format.ts, components/date-time.tsx).
  justNow: 'just now',
  ageSeconds: '{seconds} s',
  ageMinutes: '{minutes} min {seconds} s',
  ageHours: '{hours} h {minutes} min',
  exactWithCloudValue: '{exact} (cloud value: {raw})',
  cloudValue: 'cloud value: {raw}',
} satisfies Messages;
