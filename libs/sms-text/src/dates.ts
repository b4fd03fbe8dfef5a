import { DAY_PERIODS, MONTHS, WEEKDAYS, dayPeriod } from './calendar-names.js';
import { localiseDigits, resolveLanguage } from './language.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Postgres `time` columns come back as HH:MM:SS; seconds are accepted and dropped.
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

/** 'YYYY-MM-DD' as weekday, day, month name and year in the family's language (unknown language: Arabic). */
export function formatDate(isoDate: string, language: string): string {
  const lang = resolveLanguage(language);
  const match = ISO_DATE.exec(isoDate.trim());
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (!match || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date in YYYY-MM-DD form: '${isoDate}'`);
  }
  const weekday = WEEKDAYS[lang][date.getUTCDay()] ?? '';
  const monthName = MONTHS[lang][month - 1] ?? '';
  switch (lang) {
    case 'ar':
      return localiseDigits(`${weekday}، ${day} ${monthName} ${year}`, lang);
    case 'ckb':
      // Sorani joins day, month and year with the izafe ی: ١٢ی حوزەیرانی ٢٠٢٥.
      return localiseDigits(`${weekday}، ${day}ی ${monthName}ی ${year}`, lang);
    case 'kmr':
      return `${weekday}, ${day} ${monthName} ${year}`;
    case 'en':
      return `${weekday} ${day} ${monthName} ${year}`;
  }
}

/** 'HH:MM' (or 'HH:MM:SS') as a 12-hour time with a part-of-day word in the family's language. */
export function formatTime(time: string, language: string): string {
  const lang = resolveLanguage(language);
  const match = CLOCK_TIME.exec(time.trim());
  if (!match) throw new RangeError(`Not a time in HH:MM form: '${time}'`);
  const hour = Number(match[1]);
  const minutes = match[2] ?? '00';
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}:${minutes}`;
  return localiseDigits(`${clock} ${DAY_PERIODS[lang][dayPeriod(hour)]}`, lang);
}
