import { ActionIcon, CopyButton, Group, Text, VisuallyHidden } from '@mantine/core';
import { useLocale, useT } from '../i18n';

function CopyIcon({ copied }: { copied: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      {copied ? (
        <path d="M5 12l5 5L20 7" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <>
          <rect x="9" y="9" width="11" height="11" rx="2" />
          <path d="M5 15V5a2 2 0 0 1 2-2h10" />
        </>
      )}
    </svg>
  );
}

/**
 * An identifier in monospace (optionally shortened) with a copy button carrying the full value.
 * No tooltip (it would bring the floating-ui code into the first download): the button's title is
 * the hover hint, and "copied" is announced through a polite live region.
 */
export function CopyId({ value, display, label }: { value: string; display?: string; label?: string }) {
  const t = useT('common');
  const { locale } = useLocale();
  const name = label ?? t('id');
  // "Copy request id …": English lowers the label inside the sentence; Chinese has no case.
  const copyLabel = t('copyValue', { label: locale === 'en' ? name.toLowerCase() : name, value });
  return (
    <Group gap={4} wrap="nowrap" component="span" display="inline-flex">
      <Text span ff="monospace" size="sm" title={value} aria-label={display ? `${name} ${value}` : undefined}>
        {display ?? value}
      </Text>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              onClick={copy}
              aria-label={copyLabel}
              title={copied ? t('copied') : copyLabel}
            >
              <CopyIcon copied={copied} />
            </ActionIcon>
            <VisuallyHidden component="span" role="status" aria-live="polite">
              {copied ? t('copiedValue', { label: name }) : ''}
            </VisuallyHidden>
          </>
        )}
      </CopyButton>
    </Group>
  );
}
