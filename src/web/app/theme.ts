import { createTheme } from '@mantine/core';

// primaryShade 8: filled buttons keep a WCAG AA contrast with white text.
export const theme = createTheme({ primaryShade: 8, primaryColor: 'blue' });
