import { Group, Kbd, Text } from '@mantine/core';
import { useT } from '../../../i18n';

/** A quiet line naming the list's shortcuts (see use-list-keyboard.ts). */
export function ListKeyboardHint() {
  const t = useT('list');
  return (
    <Group gap="md" wrap="wrap" visibleFrom="sm" data-testid="keyboard-hint">
      <Text size="xs" c="dimmed">
        {t('shortcutsTitle')}
      </Text>
      <Text size="xs" c="dimmed">
        <Kbd size="xs">/</Kbd> {t('shortcutSearch')}
      </Text>
      <Text size="xs" c="dimmed">
        <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> {t('shortcutMove')}
      </Text>
      <Text size="xs" c="dimmed">
        <Kbd size="xs">Enter</Kbd> {t('shortcutOpen')}
      </Text>
      <Text size="xs" c="dimmed">
        <Kbd size="xs">s</Kbd> {t('shortcutStop')}
      </Text>
      <Text size="xs" c="dimmed">
        <Kbd size="xs">?</Kbd> {t('shortcutHelp')}
      </Text>
    </Group>
  );
}
