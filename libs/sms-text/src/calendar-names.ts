import type { Language } from './language.js';

// Own tables, not Intl: ICU has no `kmr` (it falls back to `ku`, with Turkish-Kurdish month names),
// its `ckb` pattern puts the year first with a Latin comma, and a Node built with small-icu has neither.

// Sunday first, as Date.getUTCDay() counts.
export const WEEKDAYS: Readonly<Record<Language, readonly string[]>> = {
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  ckb: ['یەکشەممە', 'دووشەممە', 'سێشەممە', 'چوارشەممە', 'پێنجشەممە', 'هەینی', 'شەممە'],
  kmr: ['Yekşem', 'Duşem', 'Sêşem', 'Çarşem', 'Pêncşem', 'În', 'Şemî'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

// Gregorian months under the names used in Syria and Iraqi Kurdistan (Syriac-derived), not the
// Egyptian-style يناير/فبراير, nor the Turkish-Kurdish rêbendan/cotmeh/mijdar.
export const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  ar: [
    'كانون الثاني',
    'شباط',
    'آذار',
    'نيسان',
    'أيار',
    'حزيران',
    'تموز',
    'آب',
    'أيلول',
    'تشرين الأول',
    'تشرين الثاني',
    'كانون الأول',
  ],
  ckb: [
    'کانوونی دووەم',
    'شوبات',
    'ئازار',
    'نیسان',
    'ئایار',
    'حوزەیران',
    'تەمووز',
    'ئاب',
    'ئەیلوول',
    'تشرینی یەکەم',
    'تشرینی دووەم',
    'کانوونی یەکەم',
  ],
  kmr: [
    'Kanûna Paşîn',
    'Sibat',
    'Adar',
    'Nîsan',
    'Gulan',
    'Hezîran',
    'Tîrmeh',
    'Tebax',
    'Îlon',
    'Çiriya Pêşîn',
    'Çiriya Paşîn',
    'Kanûna Pêşîn',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

// A 12-hour clock with a word for the part of the day: 6:00 is never mistaken for 18:00.
export type DayPeriod = 'night' | 'morning' | 'noon' | 'afternoon' | 'evening';

export const DAY_PERIODS: Readonly<Record<Language, Readonly<Record<DayPeriod, string>>>> = {
  ar: { night: 'ليلاً', morning: 'صباحاً', noon: 'ظهراً', afternoon: 'بعد الظهر', evening: 'مساءً' },
  ckb: { night: 'شەو', morning: 'بەیانی', noon: 'نیوەڕۆ', afternoon: 'پاش نیوەڕۆ', evening: 'ئێوارە' },
  kmr: { night: 'şevê', morning: 'sibê', noon: 'nîvro', afternoon: 'piştî nîvro', evening: 'êvarê' },
  en: { night: 'am', morning: 'am', noon: 'pm', afternoon: 'pm', evening: 'pm' },
};

export function dayPeriod(hour: number): DayPeriod {
  if (hour < 5) return 'night';
  if (hour < 12) return 'morning';
  if (hour < 13) return 'noon';
  if (hour < 18) return 'afternoon';
  return 'evening';
}
