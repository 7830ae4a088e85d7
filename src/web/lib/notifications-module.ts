// The lazily loaded part of notify.ts: Mantine's notifications with their styles.
import '@mantine/notifications/styles.css';

export * from '@mantine/notifications';
