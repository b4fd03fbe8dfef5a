// MUI with the direction of the user's language: the theme mirrors the components, the Emotion
// cache with stylis-plugin-rtl flips the CSS they write. Swapped when the language changes.
import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useMemo, type ReactNode } from 'react';
import { directionOf } from '../i18n/locales';
import { usePrefs } from './prefs';
import { emotionCacheFor, themeFor } from './theme';

export function ThemeShell({ children }: { children: ReactNode }) {
  const dir = directionOf(usePrefs().locale);
  const theme = useMemo(() => themeFor(dir), [dir]);
  return (
    <CacheProvider value={emotionCacheFor(dir)}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </CacheProvider>
  );
}
