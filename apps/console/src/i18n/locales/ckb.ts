// کوردیی ناوەندی (سۆرانی), Arabic script, right to left. Only strings we can write correctly are
// here; every other string falls back to Arabic, then English (see LOCALE_INFO).
import type { PartialMessages } from './en.js';

export const ckb: PartialMessages = {
  common: { cancel: 'هەڵوەشاندنەوە', save: 'پاشەکەوتکردن' },
  nav: { signOut: 'چوونەدەرەوە' },
  prefs: { language: 'زمان' },
  signIn: { title: 'چوونەژوورەوە', username: 'ناوی بەکارهێنەر', password: 'وشەی نهێنی', submit: 'چوونەژوورەوە' },
  sex: { female: 'مێ', male: 'نێر' },
  languages: { ar: 'عەرەبی', ckb: 'کوردی (سۆرانی)', kmr: 'کوردی (کورمانجی)', en: 'ئینگلیزی' },
};
