import { createTheme, localStorageColorSchemeManager, type CSSVariablesResolver } from '@mantine/core';

// primaryShade 8: filled buttons keep a WCAG AA contrast with white text, in both themes.
export const theme = createTheme({ primaryShade: 8, primaryColor: 'blue' });

/** Where the theme choice (auto / light / dark) is kept; public/color-scheme.js reads the same key. */
export const COLOR_SCHEME_STORAGE_KEY = 'dcs-console.color-scheme';
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY });

/**
 * Mantine's defaults for dimmed text, links and error text fall under 4.5:1 against the page
 * (gray.6 on white is 3.3:1, dark.2 on dark.7 4.0:1): darker in light, lighter in dark.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-4)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-1)',
  },
});
