// Arabic-script names folded to one matching form. Registration clerks type the same name with or
// without hamza, on Persian or Kurdish keyboards, with diacritics or tatweel; all of that goes.

// Harakat and other marks: U+0610–U+061A (Quranic signs), U+064B–U+065F (harakat), U+0670 (superscript
// alef), U+06D6–U+06ED (Quranic annotation), tatweel, plus zero-width and bidi controls pasted by accident.
const MARKS =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;

const TEH_MARBUTA = '\u0629';
const HEH = '\u0647';
const KURDISH_AE = '\u06D5';
const YEH_HAMZA = '\u0626';
const ALEF = '\u0627';

const LETTER_FOLDS: Readonly<Record<string, string>> = {
  // alef with hamza or madda, alef wasla, wavy hamza
  '\u0623': ALEF,
  '\u0625': ALEF,
  '\u0622': ALEF,
  '\u0671': ALEF,
  '\u0672': ALEF,
  '\u0673': ALEF,
  '\u0649': '\u064A', // alef maqsura → yeh
  '\u0624': '\u0648', // waw with hamza → waw
  [YEH_HAMZA]: '\u064A', // yeh with hamza → yeh
  '\u0621': '', // lone hamza: often left out in typing (علاء / علا)
  // Persian and Kurdish keyboards
  '\u06A9': '\u0643', // keheh → kaf
  '\u06AA': '\u0643',
  '\u06CC': '\u064A', // Farsi yeh → yeh
  '\u06CE': '\u064A', // Kurdish ێ → yeh
  '\u06D0': '\u064A',
  '\u06D2': '\u064A',
  '\u06BE': HEH, // heh doachashmee
  '\u06C0': HEH,
  '\u06C1': HEH,
  '\u06C6': '\u0648', // Kurdish ۆ → waw
  '\u06C7': '\u0648',
  '\u06C8': '\u0648',
  '\u06CB': '\u0648',
  '\u0695': '\u0631', // Kurdish ڕ → reh
  '\u06B5': '\u0644', // Kurdish ڵ → lam
  // Sounds Arabic spells with its nearest letter: ڤ v → ف, پ p → ب, چ ch → ج, گ g → ك, ژ zh → ز
  '\u06A4': '\u0641',
  '\u067E': '\u0628',
  '\u0686': '\u062C',
  '\u06AF': '\u0643',
  '\u0698': '\u0632',
};

const ARABIC_INDIC_ZERO = 0x0660;
const EASTERN_ARABIC_INDIC_ZERO = 0x06f0;

const ABD = 'عبد';
const ABU = 'ابو';
const ARTICLE = 'ال';
const CONNECTORS: ReadonlySet<string> = new Set(['بن', 'ابن', 'بنت']);
// Second halves that make one name with the word before: نور الدين, جاد الله, نور الهدى, سيف الإسلام
// (folded: ى is ي, إ is ا).
const SECOND_HALVES: ReadonlySet<string> = new Set(['الدين', 'الله', 'الهدي', 'الاسلام']);

function foldCharacter(ch: string, index: number, word: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) return String(code - ARABIC_INDIC_ZERO);
  if (code >= EASTERN_ARABIC_INDIC_ZERO && code <= EASTERN_ARABIC_INDIC_ZERO + 9) {
    return String(code - EASTERN_ARABIC_INDIC_ZERO);
  }
  // Sorani spelling writes vowels: ە is a vowel inside a word and a teh marbuta at its end,
  // and a word-initial ئ only carries a vowel (ئەحمەد = أحمد, ئازاد = آزاد).
  if (ch === KURDISH_AE) return index === word.length - 1 ? TEH_MARBUTA : '';
  if (ch === YEH_HAMZA && index === 0) return word.charAt(1) === ALEF ? '' : ALEF;
  return LETTER_FOLDS[ch] ?? ch;
}

function foldWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) out += foldCharacter(word.charAt(i), i, word);
  return out;
}

/** Joins compounds (عبد الله, ابو بكر, نور الدين, ال حسن) and drops connectors (بن, ابن, بنت). */
export function joinArabicCompounds(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    if (CONNECTORS.has(word) && out.length > 0 && next !== undefined) continue;
    if ((word === ABD || word === ABU || word === ARTICLE) && next !== undefined) {
      // عبد ال رحمن: the article may be typed apart as well.
      const after = words[i + 2];
      const joinThree = next === ARTICLE && after !== undefined;
      out.push(joinThree ? word + next + after : word + next);
      i += joinThree ? 2 : 1;
      continue;
    }
    const last = out.at(-1);
    if (SECOND_HALVES.has(word) && last !== undefined) {
      out[out.length - 1] = last + word;
      continue;
    }
    out.push(word);
  }
  return out;
}

/**
 * The words of an Arabic-script name after folding, compounds joined and connectors dropped.
 * Teh marbuta is kept so the cross-script skeleton can tell it from a real heh.
 */
export function arabicWords(name: string): string[] {
  const words = name
    .normalize('NFKC')
    .replace(MARKS, '')
    .split(/[^\p{L}\p{N}]+/u)
    .map(foldWord)
    .filter((w) => w.length > 0);
  return joinArabicCompounds(words);
}

/** Teh marbuta → heh, the last fold of the matching form. */
export function foldTehMarbuta(word: string): string {
  return word.replaceAll(TEH_MARBUTA, HEH);
}

/**
 * The matching form of an Arabic-script name (not a display form): letters folded, marks, tatweel and
 * punctuation removed, digits in ASCII, compounds joined, connectors dropped, single spaces.
 */
export function normaliseArabic(name: string): string {
  return arabicWords(name).map(foldTehMarbuta).join(' ');
}

// Names whose leading ال is part of the name, not the article.
const ARTICLE_IS_PART_OF_NAME: ReadonlySet<string> = new Set(['الياس', 'الهام', 'الفت', 'الماس']);

/** A folded Arabic word without its article: العلي → علي, but الياس stays. */
export function stripArabicArticle(word: string): string {
  if (word.length >= 5 && word.startsWith(ARTICLE) && !ARTICLE_IS_PART_OF_NAME.has(word)) return word.slice(2);
  return word;
}

/** True when the text holds at least one Arabic-script letter. */
export function hasArabicLetters(text: string): boolean {
  return /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(text);
}
