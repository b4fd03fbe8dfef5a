// Latin transliterations of Arabic and Kurdish names folded by general rules, not a list of names:
// Mohammed, Muhammad and Mohamad meet because vowels fold, doubled consonants collapse and digraphs
// (kh, gh, sh, th, dh) become one sound.

const ARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'il']);
const CONNECTORS: ReadonlySet<string> = new Set(['bin', 'ben', 'ibn', 'bint']);
// First halves joined to the next word: Abd Allah, Abdel Rahman, Abu Bakr.
const FIRST_HALVES: ReadonlySet<string> = new Set([
  'abd', 'abdel', 'abdul', 'abdal', 'abdil', 'abdol', 'abdu', 'abdou', 'abu', 'abou', 'abo',
]);
// Second halves joined to the word before: Jad Allah, Nour Eddine, Salah ad-Din.
const SECOND_HALF = /^(?:[aeiu]ll?ah?|(?:[aeu][ld]?)?d(?:i|ee|ii|ie)ne?|[ae]lh(?:u|ou|o)da|[ae]lislam)$/;
// Halves joined only after an article, as in Nour al-Huda, Saif al-Islam (Huda alone is a name).
const HALF_AFTER_ARTICLE = /^(?:h(?:u|ou|o)da|islam)$/;
const LETTERS_WITH_OWN_SOUND: Readonly<Record<string, string>> = {
  ş: 'sh', ç: 'j', ğ: 'gh', ı: 'i', ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', ḥ: 'h', ṣ: 's', ṭ: 't', ḍ: 'd', ẓ: 'z',
};
const VOWELS = 'aeiou';

function isSunArticle(word: string, next: string): boolean {
  // as-Sayed, ash-Shami, ad-Darwish: the article took the sound of the next consonant.
  const m = /^[aeu](sh|th|dh|[tdrzsn])$/.exec(word);
  return m !== null && m[1] !== undefined && next.startsWith(m[1]);
}

/** Lower-case ASCII words of a Latin name, before compounds are joined. */
function plainWords(name: string): { word: string; hyphenated: boolean }[] {
  const plain = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[şçğıßæøđḥṣṭḍẓ]/g, (ch) => LETTERS_WITH_OWN_SOUND[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // ain and hamza marks are not letters: Sa'id = Said
    .replace(/['’‘`ʿʾ]/g, '');
  const out: { word: string; hyphenated: boolean }[] = [];
  for (const chunk of plain.split(/[^a-z-]+/)) {
    const parts = chunk.split('-').filter((p) => p.length > 0);
    parts.forEach((word, i) => out.push({ word, hyphenated: i < parts.length - 1 }));
  }
  return out;
}

/** Words of a Latin name with compounds joined, connectors and articles dropped: "abd al-rahman" → "abdalrahman". */
export function latinWords(name: string): string[] {
  const words = plainWords(name);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const { word, hyphenated } = words[i] ?? { word: '', hyphenated: false };
    const next = words[i + 1]?.word;
    const after = words[i + 2]?.word;
    const last = out.at(-1);
    if (next === undefined) {
      if (last !== undefined && SECOND_HALF.test(word)) out[out.length - 1] = last + word;
      else out.push(word);
      continue;
    }
    const isArticle = ARTICLES.has(word) || (hyphenated && isSunArticle(word, next));
    if (FIRST_HALVES.has(word)) {
      const joinThree = (ARTICLES.has(next) || isSunArticle(next, after ?? '')) && after !== undefined;
      out.push(joinThree ? word + next + after : word + next);
      i += joinThree ? 2 : 1;
    } else if (last !== undefined && SECOND_HALF.test(word)) {
      out[out.length - 1] = last + word;
    } else if (last !== undefined && isArticle && (SECOND_HALF.test(next) || HALF_AFTER_ARTICLE.test(next))) {
      // Nour el Din, Salah ad Din, Nour al-Huda
      out[out.length - 1] = last + word + next;
      i += 1;
    } else if (isArticle || (CONNECTORS.has(word) && last !== undefined)) {
      continue;
    } else {
      out.push(word);
    }
  }
  return out;
}

/** One sound of a Latin word: a consonant class letter, or a vowel with the letters it was written with. */
export interface LatinSound {
  readonly sound: string;
  readonly vowel: boolean;
  readonly letters: string;
}

const TRIGRAPHS: ReadonlyMap<string, string> = new Map([['sch', 'c'], ['tch', 'j']]);
const DIGRAPHS: ReadonlyMap<string, string> = new Map([
  ['sh', 'c'], ['ch', 'c'], ['kh', 'x'], ['gh', 'g'], ['th', 't'], ['dh', 'd'], ['ph', 'f'], ['dj', 'j'], ['zh', 'z'],
  ['ck', 'k'],
]);
// Consonant classes shared with the Arabic skeleton: q, k and a lone g (Bedouin qaf, Kurdish g) are k; a
// lone c is j, as Kurmanji and Turkish spell it (Cefer = Jaafar, Hecî = Haji).
const CONSONANTS: Readonly<Record<string, string>> = {
  b: 'b', p: 'b', t: 't', j: 'j', h: 'h', x: 'x', d: 'd', r: 'r', z: 'z', s: 's', g: 'k', f: 'f', v: 'f',
  q: 'k', k: 'k', c: 'j', l: 'l', m: 'm', n: 'n',
};

function stripGluedArticle(word: string): string {
  // AlHassan, Elkhatib; not Alaa, Elias, Allam.
  const third = word.charAt(2);
  const glued = /^[ae]l/.test(word) && word.length >= 6 && third !== 'l' && !`${VOWELS}yw`.includes(third);
  return glued ? word.slice(2) : word;
}

/** The sounds of one Latin word; y and w are consonants only at its start. */
export function latinSounds(rawWord: string): LatinSound[] {
  const word = stripGluedArticle(rawWord);
  const sounds: LatinSound[] = [];
  let i = 0;
  while (i < word.length) {
    const three = word.slice(i, i + 3);
    const two = word.slice(i, i + 2);
    const trigraph = TRIGRAPHS.get(three);
    const digraph = DIGRAPHS.get(two);
    if (trigraph !== undefined || digraph !== undefined) {
      const letters = trigraph !== undefined ? three : two;
      sounds.push({ sound: trigraph ?? digraph ?? '', vowel: false, letters });
      i += letters.length;
      continue;
    }
    const ch = word.charAt(i);
    const consonant = CONSONANTS[ch];
    if (consonant !== undefined) sounds.push({ sound: consonant, vowel: false, letters: ch });
    else if ((ch === 'y' || ch === 'w') && i === 0) sounds.push({ sound: ch, vowel: false, letters: ch });
    else if (VOWELS.includes(ch) || ch === 'y' || ch === 'w') sounds.push({ sound: 'a', vowel: true, letters: ch });
    i += 1;
  }
  return sounds;
}

/** Vowel runs merged into one sound each, keeping all their letters. */
function mergeVowelRuns(sounds: readonly LatinSound[]): LatinSound[] {
  const out: LatinSound[] = [];
  for (const s of sounds) {
    const last = out.at(-1);
    if (last && last.vowel && s.vowel) out[out.length - 1] = { ...last, letters: last.letters + s.letters };
    else out.push(s);
  }
  return out;
}

function collapseDoubles(symbols: readonly string[]): string {
  return symbols.filter((s, i) => s !== symbols[i - 1]).join('');
}

/** A word-final vowel keeps its colour (Rami ≠ Rama): ends in i/y/ee → i, o/u/w → u, else a. */
function finalVowel(letters: string): string {
  if (/(?:[iy]|ee)$/.test(letters)) return 'i';
  if (/[ouw]$/.test(letters)) return 'u';
  return 'a';
}

/** The sounds of a word with each vowel run as one sound. */
export function latinWordSounds(word: string): LatinSound[] {
  return mergeVowelRuns(latinSounds(word));
}

/** The Latin matching key of one word: every inner vowel run is "a", -a/-ah/-eh endings meet. */
export function latinWordKey(word: string | readonly LatinSound[]): string {
  const sounds = typeof word === 'string' ? latinWordSounds(word) : [...word];
  const lastSound = sounds.at(-1);
  const beforeLast = sounds.at(-2);
  // A final h after a vowel is the spelling of a final vowel (Fatimah, Hamzeh).
  if (lastSound?.sound === 'h' && beforeLast?.vowel === true) sounds.pop();
  const symbols = sounds.map((s, i) => (s.vowel ? (i === sounds.length - 1 ? finalVowel(s.letters) : 'a') : s.sound));
  return collapseDoubles(symbols);
}

/**
 * The consonant skeleton of one Latin word, in the classes the Arabic skeleton uses. A final -eh is the
 * teh marbuta (Fatmeh); a final -ah is kept, as Abdallah and Salah end in a real h.
 */
export function latinWordSkeleton(word: string | readonly LatinSound[]): string {
  const sounds = typeof word === 'string' ? latinWordSounds(word) : [...word];
  const lastSound = sounds.at(-1);
  const beforeLast = sounds.at(-2);
  if (lastSound?.sound === 'h' && beforeLast?.vowel === true && beforeLast.letters.endsWith('e')) sounds.pop();
  return collapseDoubles(sounds.filter((s) => !s.vowel).map((s) => s.sound));
}

/** The Latin matching form of a full name: one key per word, e.g. "Mohammed Abd Allah" → "mahamad abdala". */
export function normaliseLatin(name: string): string {
  return latinWords(name).map(latinWordKey).filter((k) => k.length > 0).join(' ');
}
