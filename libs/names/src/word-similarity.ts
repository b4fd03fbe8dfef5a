// Whether two words of a name are one name spelt two ways or two names. Brothers, sisters and cousins
// differ in one word, often by a letter or two (كمال / جمال, حسن / حسين, عبد الحكيم / عبد الحليم) or by
// an ending (سعيد / سعيدة, الحسن / الحسني): those are other names, whatever a string distance says.
// What clerks vary without changing the name (hamza, teh marbuta, a dot slip, a letter written
// twice, the dagger alef of الرحمن) is cheap.
import { tokenSimilarity } from './string-similarity.js';

// Letters told apart only by their dots (a slip of the pen or of the eye), and letters spoken alike.
const CONFUSABLE_GROUPS: readonly string[] = ['بتثني', 'جحخ', 'دذ', 'رز', 'سش', 'صض', 'طظ', 'عغ', 'فق', 'ذزظض', 'ثسص', 'طت', 'قك'];
const CONFUSABLE = new Set<string>();
for (const group of CONFUSABLE_GROUPS) for (const x of group) for (const y of group) if (x !== y) CONFUSABLE.add(x + y);
const LONG_VOWELS = 'اوي';
// Neighbouring keys of the Arabic keyboard (folded letters): a typing slip, not another name, mostly.
const KEY_ROWS: readonly string[] = ['ضصثقفغعهخحجد', 'شسيبلاتنمكط', 'يءور', 'يهوزظ'];
const NEIGHBOURS = new Set<string>();
for (const row of KEY_ROWS) {
  for (let i = 1; i < row.length; i++) {
    NEIGHBOURS.add(row.charAt(i - 1) + row.charAt(i));
    NEIGHBOURS.add(row.charAt(i) + row.charAt(i - 1));
  }
}

/** Cost of an edit that keeps the name. */
const CHEAP = 0.3;
/** A neighbouring key: a typing slip, told from another name in a short word only by what else agrees. */
const NEIGHBOUR_KEY = 0.45;
/** A long vowel letter written or left out: a spelling in a long word, another name in a short one. */
const VOWEL_LETTER = 0.5;
/** Words this long or shorter are names where one real edit makes another name. */
const SHORT = 5;

// Classical spellings without the dagger alef, folded to the common ones; داوود with two waws.
const CLASSICAL: readonly (readonly [RegExp, string])[] = [
  [/رحمان$/, 'رحمن'], [/^اسمعيل$/, 'اسماعيل'], [/^اسحق$/, 'اسحاق'], [/^ابرهيم$/, 'ابراهيم'], [/^سليمن$/, 'سليمان'],
  [/^عثمن$/, 'عثمان'], [/^هرون$/, 'هارون'], [/^لقمن$/, 'لقمان'], [/وو/g, 'و'],
];

// Parts of compound names: two compounds sharing one are compared on the rest (عبد الحكيم / عبد الحليم).
const ARABIC_HEADS: readonly string[] = ['عبدال', 'عبد', 'ابو'];
const ARABIC_TAILS: readonly string[] = ['الدين', 'الله', 'الهدي', 'الاسلام'];

function classical(word: string): string {
  return CLASSICAL.reduce((w, [pattern, to]) => w.replace(pattern, to), word);
}

/** The parts two compound words do not share: عبدالحكيم / عبدالحليم → حكيم / حليم. */
function distinctiveParts(a: string, b: string): [string, string] {
  let [x, y] = [a, b];
  const head = ARABIC_HEADS.find((h) => x.startsWith(h) && y.startsWith(h) && x.length > h.length + 1 && y.length > h.length + 1);
  if (head !== undefined) [x, y] = [x.slice(head.length), y.slice(head.length)];
  const tail = ARABIC_TAILS.find((t) => x.endsWith(t) && y.endsWith(t) && x.length > t.length + 1 && y.length > t.length + 1);
  if (tail !== undefined) [x, y] = [x.slice(0, -tail.length), y.slice(0, -tail.length)];
  return [x, y];
}

function substitution(x: string, y: string, atEnd: boolean): number {
  if (x === y) return 0;
  if (CONFUSABLE.has(x + y)) return CHEAP;
  if (NEIGHBOURS.has(x + y)) return NEIGHBOUR_KEY;
  // A final alef maqsura written as alef (مصطفى / مصطفا); after folding it is yeh.
  if (atEnd && ((x === 'ا' && y === 'ي') || (x === 'ي' && y === 'ا'))) return CHEAP;
  return 1;
}

function insertion(word: string, i: number): number {
  const ch = word.charAt(i);
  // The same letter twice is a shadda written out (محممد).
  if (ch === word.charAt(i - 1) || ch === word.charAt(i + 1)) return CHEAP;
  if (LONG_VOWELS.includes(ch) && i > 0 && i < word.length - 1) return VOWEL_LETTER;
  return 1;
}

/** Weighted edit distance (optimal string alignment) with the costs above. */
export function spellingDistance(a: string, b: string): number {
  const cols = b.length + 1;
  const d = new Float64Array((a.length + 1) * cols);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 1; i <= a.length; i++) d[i * cols] = at(i - 1, 0) + insertion(a, i - 1);
  for (let j = 1; j <= b.length; j++) d[j] = at(0, j - 1) + insertion(b, j - 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const atEnd = i === a.length && j === b.length;
      let best = Math.min(
        at(i - 1, j) + insertion(a, i - 1),
        at(i, j - 1) + insertion(b, j - 1),
        at(i - 1, j - 1) + substitution(a.charAt(i - 1), b.charAt(j - 1), atEnd),
      );
      if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * True when one word is the other with a feminine ending (سعيد / سعيده, Said / Saida) or a nisba
 * (الحسن / الحسني, العلي / العلوي, العيسى / العيساوي, Hassan / Hassani): another name, another family.
 */
export function isDerivedForm(a: string, b: string, script: 'arabic' | 'latin'): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2 || short === long) return false;
  if (script === 'latin') {
    // Keys: inner vowels are "a", a final one keeps its colour (a, i, u).
    return long.length === short.length + 1 && long.startsWith(short) && 'aiu'.includes(long.charAt(short.length)) && !'aiu'.includes(short.at(-1) ?? '');
  }
  if (long === `${short}ه` || long === `${short}ي` || long === `${short}اوي`) return true;
  // علي → علوي, موسى → موسوي, عيسى → عيساوي: the final long vowel gives way to the nisba.
  const stem = short.endsWith('ي') ? short.slice(0, -1) : short;
  return stem.length >= 2 && (long === `${stem}وي` || long === `${stem}اوي`);
}

/** How alike two folded Arabic words are, in [0,1]: near 1 for one name however written, 0 for two names. */
export function arabicWordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [x, y] = [classical(a), classical(b)];
  if (x === y) return 1;
  if (isDerivedForm(x, y, 'arabic')) return 0;
  const [cx, cy] = distinctiveParts(x, y);
  const cost = spellingDistance(cx, cy);
  const length = Math.max(cx.length, cy.length);
  // One real edit, or a long vowel, in a short name makes another name (كمال / جمال, حسن / حسين).
  if (length <= SHORT && cost >= VOWEL_LETTER) return 0;
  return Math.max(0, 1 - cost / Math.max(x.length, y.length));
}

/** How alike two Latin word keys are, in [0,1]; a feminine or nisba ending makes another name. */
export function latinWordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (isDerivedForm(a, b, 'latin')) return 0;
  return tokenSimilarity(a, b);
}
