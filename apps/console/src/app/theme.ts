// One theme per direction: MUI mirrors its components from `direction`, and the Emotion cache
// with stylis-plugin-rtl flips the CSS each component writes (margins, paddings, positions).
import createCache, { type EmotionCache } from '@emotion/cache';
import { createTheme, type Theme } from '@mui/material/styles';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import type { Direction } from '../i18n/locales';

// Colours chosen for contrast ≥ 4.5:1 on white and on the app bar (checked by the browser suite).
const PRIMARY = '#0b5d4b';
const ERROR = '#b3261e';
const WARNING = '#8a5300';
const SUCCESS = '#1e6b2f';

// Fonts the camp's laptops have (Windows: Segoe UI, Tahoma; Debian/Android: Noto), none downloaded:
// at 400 kbit/s a web font would cost seconds.
const FONT_STACK = ['"Segoe UI"', '"Noto Sans Arabic"', '"Noto Sans"', 'Tahoma', 'Arial', 'sans-serif'].join(',');

export function themeFor(direction: Direction): Theme {
  return createTheme({
    direction,
    palette: {
      primary: { main: PRIMARY },
      error: { main: ERROR },
      warning: { main: WARNING },
      success: { main: SUCCESS },
      background: { default: '#f5f6f4' },
      text: { secondary: '#4a4f4c' },
    },
    typography: { fontFamily: FONT_STACK, fontSize: 15, button: { textTransform: 'none', fontWeight: 600 } },
    shape: { borderRadius: 6 },
    components: {
      MuiButtonBase: { defaultProps: { disableRipple: false } },
      // A clearly visible focus ring for keyboard users, on every focusable control.
      MuiCssBaseline: {
        styleOverrides: {
          ':focus-visible': { outline: `3px solid #d97706`, outlineOffset: '2px' },
          'bdi': { unicodeBidi: 'isolate' },
        },
      },
      MuiTextField: { defaultProps: { fullWidth: true, size: 'small' } },
      MuiFormControl: { defaultProps: { size: 'small' } },
    },
  });
}

const caches = new Map<Direction, EmotionCache>();

/** Emotion cache per direction (kept: switching languages back and forth reuses the styles). */
export function emotionCacheFor(direction: Direction): EmotionCache {
  let cache = caches.get(direction);
  if (!cache) {
    cache = createCache({ key: direction === 'rtl' ? 'muirtl' : 'muiltr', stylisPlugins: direction === 'rtl' ? [prefixer, rtlPlugin] : [prefixer] });
    caches.set(direction, cache);
  }
  return cache;
}
