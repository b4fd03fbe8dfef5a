// One full name as tokens that can be compared within a script (spelling form) and across scripts
// (consonant skeleton).
import { arabicWords, foldTehMarbuta, hasArabicLetters, stripArabicArticle } from './arabic-normalise.js';
import { latinWordKey, latinWordSkeleton, latinWordSounds, latinWords } from './latin-normalise.js';

export type NameScript = 'arabic' | 'latin';

export interface NameToken {
  readonly script: NameScript;
  /** The spelling form compared with tokens of the same script. */
  readonly form: string;
  /** Consonant classes shared by both scripts, e.g. محمد and Mohammed → "mhmd". */
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

function latinToken(word: string): NameToken {
  return interned(`l:${word}`, () => {
    const sounds = latinWordSounds(word);
    return { script: 'latin', form: latinWordKey(sounds), skeleton: latinWordSkeleton(sounds) };
  });
}

function arabicToken(word: string): NameToken {
  return interned(`a:${word}`, () => {
    const bare = stripArabicArticle(word);
    return { script: 'arabic', form: foldTehMarbuta(bare), skeleton: arabicWordSkeleton(bare) };
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
