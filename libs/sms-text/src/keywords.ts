// Opt-out and opt-in words, folded the way foldKeyword folds an inbound message.
export type KeywordAction = 'stop' | 'start';

// A bare Arabic إلغاء or Kurmanji betal ("cancel") is left out on purpose: a family may mean their
// return, and silencing them would be worse than asking. English CANCEL is kept as carriers expect it.
// Kurmanji typed in Arabic script (common in Syria) folds onto the Sorani entries.
const STOP_WORDS = [
  // English
  'stop', 'stopall', 'unsubscribe', 'end', 'cancel', 'quit',
  // Arabic, and STOP spelled in Arabic letters
  'توقف', 'وقف', 'ايقاف', 'اوقف', 'الغاء الاشتراك', 'ايقاف الرسائل', 'الغاء الرسائل', 'ستوب',
  // Sorani
  'ڕاگرتن', 'ڕاگرە', 'وەستان', 'ڕاوەستان', 'ڕاوەستە', 'بوەستە', 'وەستاندن',
  // Kurmanji
  'raweste', 'rawestin', 'rawestîne', 'bisekine',
];

const START_WORDS = [
  // English
  'start', 'subscribe', 'unstop', 'resume',
  // Arabic, and START spelled in Arabic letters
  'ابدأ', 'ابدا', 'ابدء', 'بدء', 'اشتراك', 'اشترك', 'تشغيل', 'استئناف', 'ستارت',
  // Sorani
  'دەستپێکردن', 'دەستپێبکە', 'دەستپێک', 'دەست پێ بکە',
  // Kurmanji
  'destpêk', 'destpêkirin', 'dest pê bike', 'destpêbike',
];

// Letters typed differently on Arabic, Persian, Kurdish and Turkish keyboards, mapped to one form.
// NFKD already turns أ إ آ ؤ ئ into their base letter plus a combining hamza or madda.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  'ى': 'ي', 'ی': 'ي', 'ێ': 'ي',
  'ة': 'ه', 'ە': 'ه', 'ھ': 'ه', 'ۀ': 'ه',
  'ک': 'ك', 'ڕ': 'ر', 'ڵ': 'ل', 'ۆ': 'و', 'ٱ': 'ا',
  'ı': 'i',
};

/** Lower case, no diacritics or harakat, one form per Arabic-script letter, no spaces or joiners. */
export function foldKeyword(text: string): string {
  return Array.from(
    text
      .normalize('NFKD')
      // Combining marks: Latin accents, Arabic harakat and the hamza that NFKD splits off أ إ آ.
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // Tatweel, zero-width (non-)joiners and direction marks change the look, not the word.
      .replace(/[\u0640\u200b-\u200f\u061c\u2066-\u2069\ufeff]/g, '')
      .replace(/\s+/gu, ''),
    (ch) => LETTER_FOLDS[ch] ?? ch,
  ).join('');
}

export const KEYWORD_WORDS: Readonly<Record<KeywordAction, readonly string[]>> = {
  stop: STOP_WORDS,
  start: START_WORDS,
};

const KEYWORDS: ReadonlyMap<string, KeywordAction> = new Map([
  ...START_WORDS.map((word) => [foldKeyword(word), 'start'] as const),
  ...STOP_WORDS.map((word) => [foldKeyword(word), 'stop'] as const),
]);

// Punctuation, symbols (emoji included) and invisible characters around the word are ignored.
const EDGES = /^[\p{P}\p{S}\p{Z}\p{C}\s]+|[\p{P}\p{S}\p{Z}\p{C}\s]+$/gu;

/** 'stop' or 'start' when the whole inbound SMS is an opt-out or opt-in keyword, otherwise null. */
export function parseKeyword(text: string): KeywordAction | null {
  // Only the whole message counts: "please stop the convoy" is a question for a person, not an opt-out.
  return KEYWORDS.get(foldKeyword(text.replace(EDGES, ''))) ?? null;
}
