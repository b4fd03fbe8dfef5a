// One full name as tokens that can be compared within a script (spelling form) and across scripts
// (consonant skeleton).
import { arabicWords, foldTehMarbuta, hasArabicLetters, stripArabicArticle } from './arabic-normalise.js';
import { latinWordKey, latinWordSkeleton, latinWordSounds, latinWords } from './latin-normalise.js';

export type NameScript = 'arabic' | 'latin';
/** How a word ends, where a script says: a vowel (سعيدة, Saida, العلي) or a consonant (سعيد, Said). */
export type WordEnding = 'vowel' | 'consonant' | 'unknown';

export interface NameToken {
  readonly script: NameScript;
  /** The spelling form compared with tokens of the same script. */
  readonly form: string;
  /** Consonant classes shared by both scripts, e.g. محمد and Mohammed → "mhmd". */
  readonly skeleton: string;
  /** Compared across scripts: a feminine or nisba ending leaves the skeleton as it is. */
  readonly ending: WordEnding;
  /**
   * Other readings of a Latin word, compared as well: without a glued article (Alissa, Elhaj), or
   * with its final h read as a letter or as the spelling of a vowel (Saleh = صالح, Sarah = سارة).
   */
  readonly variants?: readonly NameReading[];
}

export interface NameReading {
  readonly form: string;
  readonly skeleton: string;
}

// Arabic letters → the consonant classes the Latin skeleton uses. Alef, ain, hamza and teh marbuta
// carry vowels in transliteration and are dropped; waw and yeh are consonants only at a word's start.
const ARABIC_CLASSES: Readonly<Record<string, string>> = {
  ب: 'b', ت: 't', ث: 't', ج: 'j', ح: 'h', خ: 'x', د: 'd', ذ: 'd', ر: 'r', ز: 'z', س: 's', ش: 'c', ص: 's',
  ض: 'd', ط: 't', ظ: 'z', غ: 'g', ف: 'f', ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h',
};
const WAW = 'و';
const YEH = 'ي';

/** The consonant skeleton of one folded Arabic word (teh marbuta kept, article stripped). */
export function arabicWordSkeleton(word: string): string {
  const symbols: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    if (ch === WAW || ch === YEH) {
      if (i === 0) symbols.push(ch === WAW ? 'w' : 'y');
      continue;
    }
    const sound = ARABIC_CLASSES[ch];
    if (sound !== undefined && sound !== symbols.at(-1)) symbols.push(sound);
  }
  return symbols.join('');
}

// Matching one new registration against hundreds of candidates tokenises the same names and words
// again and again; bounded memos keep that cheap and let one word be one token object, so pair
// similarities can be memoised too. Tokens are immutable, so sharing them is safe.
const NAME_MEMO_LIMIT = 50_000;
const WORD_MEMO_LIMIT = 20_000;
const memo = new Map<string, readonly NameToken[]>();
const words = new Map<string, NameToken>();

function interned(key: string, make: () => NameToken): NameToken {
  const known = words.get(key);
  if (known !== undefined) return known;
  if (words.size >= WORD_MEMO_LIMIT) words.clear();
  const token = Object.freeze(make());
  words.set(key, token);
  return token;
}

// A final heh, hah or ain may be a consonant or the spelling of a vowel (Saleh, Fatimah, Rabia).
function arabicEnding(bare: string): WordEnding {
  const last = bare.at(-1) ?? '';
  if ('ةاوي'.includes(last)) return 'vowel';
  return 'هحع'.includes(last) ? 'unknown' : 'consonant';
}

// A final e is often silent (Nadine), a final h after a vowel spells the vowel (Fatimah, Saleh).
function latinEnding(word: string): WordEnding {
  const last = word.at(-1) ?? '';
  if ('aiouy'.includes(last)) return 'vowel';
  if (last === 'e' || last === 'w' || (last === 'h' && 'aeiou'.includes(word.at(-2) ?? ''))) return 'unknown';
  return 'consonant';
}

// Alissa, Elali, Elhaj: glued articles the sound rules keep (a vowel or a short word follows).
const GLUED_ARTICLE = /^[ae]l(?=[a-z]{3})/;
// Names whose leading al or el is part of the name (as الياس, الهام in Arabic): Aliya is not Aya.
const ARTICLE_IS_PART_OF_NAME: ReadonlySet<string> = new Set(['elias', 'elyas', 'elham', 'almas', 'elmas', 'alia', 'aliya', 'alaa']);

function latinReading(word: string): NameReading {
  const sounds = latinWordSounds(word);
  return { form: latinWordKey(sounds), skeleton: latinWordSkeleton(sounds) };
}

function latinVariants(word: string, own: NameReading): NameReading[] {
  const variants: NameReading[] = [];
  const add = (reading: NameReading) => {
    if ([own, ...variants].every((r) => r.form !== reading.form || r.skeleton !== reading.skeleton)) variants.push(reading);
  };
  const words = ARTICLE_IS_PART_OF_NAME.has(word) ? [word] : [word, word.replace(GLUED_ARTICLE, '')];
  for (const w of words) {
    if (w !== word) add(latinReading(w));
    // A final h after a vowel: kept in one reading (Saleh, Salah), dropped in the other (Sarah, Fatmeh).
    const vowelH = /[aeiou]h$/.test(w);
    if (vowelH) {
      const reading = latinReading(w);
      add({ form: reading.form, skeleton: latinReading(w.slice(0, -1)).skeleton });
      const consonants = latinWordSounds(w).filter((x) => !x.vowel).map((x) => x.sound);
      add({ form: reading.form, skeleton: consonants.filter((c, i) => c !== consonants[i - 1]).join('') });
    }
  }
  return variants;
}

function latinToken(word: string): NameToken {
  return interned(`l:${word}`, () => {
    const own = latinReading(word);
    const variants = latinVariants(word, own);
    return { script: 'latin', ...own, ending: latinEnding(word), ...(variants.length > 0 ? { variants } : {}) };
  });
}

function arabicToken(word: string): NameToken {
  return interned(`a:${word}`, () => {
    const bare = stripArabicArticle(word);
    return { script: 'arabic', form: foldTehMarbuta(bare), skeleton: arabicWordSkeleton(bare), ending: arabicEnding(bare) };
  });
}

/** The tokens of a full name in either script; an empty list for a name without letters. */
export function nameTokens(name: string): readonly NameToken[] {
  const known = memo.get(name);
  if (known !== undefined) return known;
  if (memo.size >= NAME_MEMO_LIMIT) memo.clear();
  const tokens = Object.freeze(tokenise(name));
  memo.set(name, tokens);
  return tokens;
}

function tokenise(name: string): NameToken[] {
  if (!hasArabicLetters(name)) return latinWords(name).map(latinToken).filter((t) => t.form.length > 0);
  return arabicWords(name).map((word) => (hasArabicLetters(word) ? arabicToken(word) : latinToken(word.toLowerCase())));
}

/** The cross-script consonant skeleton of a full name, one group per word: محمد / Mohammed → "mhmd". */
export function nameSkeleton(name: string): string {
  return nameTokens(name)
    .map((t) => t.skeleton)
    .join(' ');
}
