// Names as they are stored and shown: without the invisible characters that change what a reader
// sees. A right-to-left override (U+202E) shows "Ahmad" as "damhA" and reverses the rest of a printed
// line; isolates and embeddings (U+2066–U+2069, U+202A–U+202D) and marks reorder text around them;
// zero-width spaces and joiners make two equal-looking names differ. All are Unicode format
// characters (Cf), and none belongs in a name, with one exception: the zero-width non-joiner
// (U+200C), which Persian and Sorani Kurdish spelling uses inside a word (e.g. between the parts of
// a compound name) to keep two letters from joining. It changes the written form, not what the name
// says (name matching ignores it), so it is kept between two letters and dropped anywhere else.
import { Transform } from 'class-transformer';

const ZWNJ = '\u200C';
// Format characters other than ZWNJ, and the Arabic letter mark, which is Cf too.
const FORMAT = /[\p{Cf}]/gu;
// Controls, line and paragraph separators, and every other kind of space become one plain space.
const SPACING = /[\p{Cc}\p{Zl}\p{Zp}\s]+/gu;
const STRAY_ZWNJ = /(?<![\p{L}\p{M}])\u200C+|\u200C+(?![\p{L}\p{M}])/gu;

/** A name as it is stored: NFC, no invisible format characters (ZWNJ only inside a word), single spaces, trimmed. */
export function cleanName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(FORMAT, (ch) => (ch === ZWNJ ? ch : ''))
    .replace(/\u200C+/g, ZWNJ)
    .replace(SPACING, ' ')
    .replace(STRAY_ZWNJ, '')
    .replace(/ +/g, ' ')
    .trim();
}

/** Whether a name would change when cleaned (for the migration that cleans names stored before). */
export function needsCleaning(name: string): boolean {
  return cleanName(name) !== name.trim();
}

/** DTO property: cleaned before it is validated, so a name of invisible characters alone fails MinLength. */
export function CleanName(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanName(value) : value));
}
