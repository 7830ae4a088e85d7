import { NativeSelect, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { useT } from '../i18n';

const SCHEMES: MantineColorScheme[] = ['auto', 'light', 'dark'];
const LABEL_KEYS = { auto: 'themeAuto', light: 'themeLight', dark: 'themeDark' } as const;

/** Auto (the system's), light or dark; Mantine keeps the choice in localStorage. A native select: no floating code. */
export function ThemeSwitch() {
  const t = useT('shell');
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <NativeSelect
      label={t('theme')}
      size="xs"
      w={120}
      value={colorScheme}
      data={SCHEMES.map((scheme) => ({ value: scheme, label: t(LABEL_KEYS[scheme]) }))}
      onChange={(event) => setColorScheme(event.currentTarget.value as MantineColorScheme)}
      data-testid="theme-switch"
    />
  );
}
