import { Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT, type Translate } from '../i18n';

type ShellKey = Parameters<Translate<'shell'>>[0];

/** One group of keys: each row the keys (as pressed) and what they do. */
function KeyGroup({ title, rows }: { title: string; rows: [ReactNode, string][] }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      <Table verticalSpacing={4} withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([keys, what]) => (
            <Table.Tr key={what}>
              <Table.Th scope="row" w={150} fw="normal" style={{ whiteSpace: 'nowrap' }}>
                {keys}
              </Table.Th>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const keys = (...names: string[]) =>
  names.map((name, i) => (
    <span key={name}>
      {i > 0 && ' '}
      <Kbd>{name}</Kbd>
    </span>
  ));

/** The console's keyboard shortcuts, as the `?` key shows them (see use-list-keyboard.ts and the stop dialog). */
export function KeyboardHelpDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT('shell');
  const row = (names: string[], key: ShellKey): [ReactNode, string] => [keys(...names), t(key)];
  return (
    <Modal opened={opened} onClose={onClose} title={t('keysTitle')} size="lg" zIndex={1000} closeButtonProps={{ 'aria-label': t('keysClose') }}>
      <Stack gap="md" data-testid="keyboard-help">
        <KeyGroup title={t('keysAnywhere')} rows={[row(['?'], 'keysHelp')]} />
        <KeyGroup
          title={t('keysList')}
          rows={[
            row(['/'], 'keysSearch'),
            row(['Enter', '↓'], 'keysToResults'),
            row(['Esc'], 'keysLeaveSearch'),
            row(['j', 'k'], 'keysMove'),
            row(['Enter'], 'keysOpen'),
            row(['s'], 'keysStop'),
            row(['Tab'], 'keysTab'),
          ]}
        />
        <KeyGroup title={t('keysDialog')} rows={[row(['Enter'], 'keysConfirm'), row(['Esc'], 'keysCancel')]} />
        <Text size="sm" c="dimmed">
          {t('keysNotInFields')}
        </Text>
      </Stack>
    </Modal>
  );
}
