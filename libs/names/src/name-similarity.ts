// Full-name similarity for names written "given father grandfather family", in either script, tolerant
// of a missing middle name and of a different word order.
import { nameTokens, type NameReading, type NameToken } from './name-tokens.js';
import { tokenSimilarity } from './string-similarity.js';
import { arabicWordSimilarity, latinWordSimilarity } from './word-similarity.js';

// Token pairs below LOW count for nothing, above HIGH in full, in between on a ramp: a family of
// common names would otherwise add up many half-similar pairs.
const LOW = 0.7;
const HIGH = 0.9;
// The given name is where two siblings differ, so it weighs more.
const GIVEN_NAME_WEIGHT = 1.5;
// A word missing from one name (no grandfather) costs less than a word that differs.
const MISSING_WORD_COST = 0.3;
// The same words in another order are likely, but less likely than the same order.
const REORDERED_FACTOR = 0.85;
// Longer names are cut: the search over word pairs is quadratic.
const MAX_TOKENS = 8;

interface Pair {
  readonly a: number;
  readonly b: number;
  readonly credit: number;
}

function weightAt(index: number): number {
  return index === 0 ? GIVEN_NAME_WEIGHT : 1;
}

/** The readings of a token: its own, and a Latin word's variants (Alissa → issa, Saleh → slh or sl). */
function readings(t: NameToken): readonly NameReading[] {
  return t.variants === undefined ? [t] : [t, ...t.variants];
}

// Consonants one Arabic letter is transliterated with: ث as t or s (Othman, Osman), ذ ظ ض as d or z.
const SKELETON_ALIKE = new Set(['ts', 'st', 'dz', 'zd']);

/** Edit distance of two skeletons where the transliterations of one letter cost half. */
function skeletonDistance(a: string, b: string): number {
  const cols = b.length + 1;
  const d = new Float64Array((a.length + 1) * cols);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i <= a.length; i++) d[i * cols] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const [x, y] = [a.charAt(i - 1), b.charAt(j - 1)];
      const change = x === y ? 0 : SKELETON_ALIKE.has(x + y) ? 0.5 : 1;
      d[i * cols + j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + change);
    }
  }
  return at(a.length, b.length);
}

function skeletonSimilarity(x: string, y: string): number {
  // Vowel-only names (آية, Aya) have no skeleton: comparable only with each other.
  if (x === '' || y === '') return x === y ? HIGH : 0;
  if (x === y) return 1;
  const distance = skeletonDistance(x, y);
  // Only a transliteration told apart (Osman / عثمان): as alike as a spelling variant.
  if (distance === 0.5) return Math.max(HIGH, 1 - distance / Math.max(x.length, y.length));
  return tokenSimilarity(x, y);
}

/** Similarity of two tokens of either script: spelling within a script, skeleton across scripts. */
function tokenPairSimilarity(x: NameToken, y: NameToken): number {
  if (x.script === 'arabic' && y.script === 'arabic') return arabicWordSimilarity(x.form, y.form);
  let best = 0;
  if (x.script === 'latin' && y.script === 'latin') {
    for (const rx of readings(x)) for (const ry of readings(y)) best = Math.max(best, latinWordSimilarity(rx.form, ry.form));
    return best;
  }
  // The skeleton drops vowels: a feminine or nisba ending shows only in how the words end.
  const endings = [x.ending, y.ending];
  if (endings.includes('vowel') && endings.includes('consonant')) return 0;
  for (const rx of readings(x)) for (const ry of readings(y)) best = Math.max(best, skeletonSimilarity(rx.skeleton, ry.skeleton));
  return best;
}

function credit(similarity: number): number {
  if (similarity >= HIGH) return similarity;
  if (similarity <= LOW) return 0;
  return (similarity * (similarity - LOW)) / (HIGH - LOW);
}

// One word is one shared token object (see nameTokens), and names repeat a lot, so credits are
// memoised per token pair; the memo goes with the tokens.
const ROW_LIMIT = 2_000;
const creditMemo = new WeakMap<NameToken, Map<NameToken, number>>();

function tokenCredit(x: NameToken, y: NameToken): number {
  let row = creditMemo.get(x);
  if (row === undefined || row.size >= ROW_LIMIT) {
    row = new Map();
    creditMemo.set(x, row);
  }
  let c = row.get(y);
  if (c === undefined) {
    c = credit(tokenPairSimilarity(x, y));
    row.set(y, c);
  }
  return c;
}

function pairWeight(p: { a: number; b: number }): number {
  return (weightAt(p.a) + weightAt(p.b)) / 2;
}

/** A score, and how many words of each name found no partner in the other: substituted, not missing. */
interface Scored {
  readonly score: number;
  readonly differingWords: number;
}

function scoreOf(pairs: readonly Pair[], lengthA: number, lengthB: number): Scored {
  let matched = 0;
  let base = 0;
  const usedA = new Array<boolean>(lengthA).fill(false);
  const usedB = new Array<boolean>(lengthB).fill(false);
  for (const p of pairs) {
    const w = pairWeight(p);
    matched += w * p.credit;
    base += w;
    usedA[p.a] = true;
    usedB[p.b] = true;
  }
  // Unmatched words, heaviest (the given name) first.
  const leftA: number[] = [];
  const leftB: number[] = [];
  usedA.forEach((used, i) => used || leftA.push(weightAt(i)));
  usedB.forEach((used, i) => used || leftB.push(weightAt(i)));
  const [fewer, more] = leftA.length <= leftB.length ? [leftA, leftB] : [leftB, leftA];
  let cost = 0;
  more.forEach((w, i) => {
    const other = fewer[i];
    cost += other === undefined ? w * MISSING_WORD_COST : (w + other) / 2;
  });
  const total = base + cost;
  return { score: total === 0 ? 0 : matched / total, differingWords: fewer.length };
}

/** Order-keeping alignment; the given names may only pair with each other. */
function orderedPairs(credits: readonly (readonly number[])[], lengthA: number, lengthB: number): Pair[] {
  const pairs: Pair[] = [];
  const given = credits[0]?.[0] ?? 0;
  if (given > 0) pairs.push({ a: 0, b: 0, credit: given });
  // best[i * width + j]: best weighted credit aligning A[i..] with B[j..], both from index 1.
  const width = lengthB + 1;
  const best = new Float64Array((lengthA + 1) * width);
  const value = (i: number, j: number): number => best[i * width + j] ?? 0;
  for (let i = lengthA - 1; i >= 1; i--) {
    for (let j = lengthB - 1; j >= 1; j--) {
      const take = (credits[i]?.[j] ?? 0) * pairWeight({ a: i, b: j }) + value(i + 1, j + 1);
      best[i * width + j] = Math.max(take, value(i + 1, j), value(i, j + 1));
    }
  }
  let i = 1;
  let j = 1;
  while (i < lengthA && j < lengthB) {
    const c = credits[i]?.[j] ?? 0;
    if (c > 0 && value(i, j) === c * pairWeight({ a: i, b: j }) + value(i + 1, j + 1)) {
      pairs.push({ a: i, b: j, credit: c });
      i++;
      j++;
    } else if (value(i, j) === value(i + 1, j)) i++;
    else j++;
  }
  return pairs;
}

/** Any-order alignment, greedy on the best remaining pair. */
function reorderedPairs(credits: readonly (readonly number[])[]): Pair[] {
  const candidates: Pair[] = [];
  credits.forEach((row, a) => row.forEach((c, b) => c > 0 && candidates.push({ a, b, credit: c })));
  candidates.sort((x, y) => y.credit * pairWeight(y) - x.credit * pairWeight(x));
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Pair[] = [];
  for (const p of candidates) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    pairs.push(p);
  }
  return pairs;
}

/** Similarity of already tokenised full names in [0,1]. */
function tokensSimilarity(a: readonly NameToken[], b: readonly NameToken[]): Scored {
  const x = a.slice(0, MAX_TOKENS);
  const y = b.slice(0, MAX_TOKENS);
  if (x.length === 0 || y.length === 0) return { score: 0, differingWords: 0 };
  const credits = x.map((tx) => y.map((ty) => tokenCredit(tx, ty)));
  const ordered = scoreOf(orderedPairs(credits, x.length, y.length), x.length, y.length);
  const reordered = scoreOf(reorderedPairs(credits), x.length, y.length);
  const reorderedScore = reordered.score * REORDERED_FACTOR;
  return reorderedScore > ordered.score ? { score: reorderedScore, differingWords: reordered.differingWords } : ordered;
}

/** How alike two full names are, and how many words one has where the other has another name. */
export interface NameComparison {
  /** In [0,1], as nameSimilarity. */
  readonly score: number;
  /** Words of one name that pair with no word of the other while the other has one left too (حسن / حسين). */
  readonly differingWords: number;
}

/** nameSimilarity with the count of words the two names disagree on (a missing word is not one). */
export function compareNames(a: string, b: string): NameComparison {
  return tokensSimilarity(nameTokens(a), nameTokens(b));
}

/**
 * How alike two full names are, in [0,1], in Arabic or Latin script or one of each: 1 for the same
 * name however spelled, lower for a missing middle name or another word order, low for another person.
 */
export function nameSimilarity(a: string, b: string): number {
  return compareNames(a, b).score;
}
