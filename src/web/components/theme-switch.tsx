import { NativeSelect, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { useT } from '../i18n';

const SCHEMES: MantineColorScheme[] = ['auto', 'light', 'dark'];
const LABEL_KEYS = { auto: 'themeAuto', light: 'themeLight', dark: 'themeDark' } as const;

/** A circle half filled: light and dark. */
function ContrastIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
    </svg>
  );
}

/**
 * Auto (the system's), light or dark; Mantine keeps the choice in localStorage. A native select: no
 * floating code. Named by its icon and accessible name (hover title too), no visible label.
 */
export function ThemeSwitch() {
  const t = useT('shell');
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <NativeSelect
      aria-label={t('theme')}
      title={t('theme')}
      size="xs"
      className="dcs-header-switch"
      leftSection={<ContrastIcon />}
      value={colorScheme}
      data={SCHEMES.map((scheme) => ({ value: scheme, label: t(LABEL_KEYS[scheme]) }))}
      onChange={(event) => setColorScheme(event.currentTarget.value as MantineColorScheme)}
      data-testid="theme-switch"
    />
  );
}
