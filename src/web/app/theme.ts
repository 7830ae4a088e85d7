import { createTheme, localStorageColorSchemeManager, type CSSVariablesResolver } from '@mantine/core';

// primaryShade 8: filled buttons keep a WCAG AA contrast with white text, in both themes.
export const theme = createTheme({ primaryShade: 8, primaryColor: 'blue' });

/** Where the theme choice (auto / light / dark) is kept; public/color-scheme.js reads the same key. */
export const COLOR_SCHEME_STORAGE_KEY = 'dcs-console.color-scheme';
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY });

/**
 * Colours whose Mantine defaults fall under WCAG AA (4.5:1) in the light theme, measured by axe:
 * text (`c="red"`, subtle and outline variants) and light-variant text (shade 9 on shade 1, e.g.
 * orange 3.6:1) get a darker shade 9; filled backgrounds under white text a darker shade 8.
 */
const DARKER: Record<string, { text: string; filled: string }> = {
  red: { text: '#c42929', filled: '#db3030' },
  orange: { text: '#ba3d0c', filled: '#c74c0a' },
  yellow: { text: '#a55500', filled: '#a86200' },
  lime: { text: '#4b790a', filled: '#4d7f0b' },
  green: { text: '#257936', filled: '#278439' },
  teal: { text: '#077957', filled: '#08835d' },
  cyan: { text: '#0b7285', filled: '#0b7f92' },
};

const darkerText = Object.fromEntries(
  Object.entries(DARKER).flatMap(([color, { text }]) => [
    [`--mantine-color-${color}-text`, text],
    [`--mantine-color-${color}-light-color`, text],
    [`--mantine-color-${color}-outline`, text],
  ]),
);
const darkerFilled = Object.fromEntries(
  Object.entries(DARKER).map(([color, { filled }]) => [`--mantine-color-${color}-filled`, filled]),
);

/**
 * Mantine's defaults for dimmed text, links and error text fall under 4.5:1 against the page
 * (gray.6 on white is 3.3:1, dark.2 on dark.7 4.0:1): darker in light, lighter in dark. And the
 * colours above.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...darkerText,
    ...darkerFilled,
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {
    ...darkerFilled,
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-4)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-1)',
  },
});
