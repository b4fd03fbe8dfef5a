import { gsmSeptets } from './gsm-alphabet.js';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsAnalysis {
  encoding: SmsEncoding;
  /** Unicode code points after NFC (an emoji counts once). */
  characters: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  /** 0 for an empty text: there is nothing to send. */
  segments: number;
  /** Capacity of each segment in units: 160/70 for one segment, 153/67 when concatenated. */
  perSegment: number;
  /** The NFC text cut where the phone network cuts it; joined they give the whole text back. */
  parts: string[];
}

// Single segment capacity, and capacity per part once a 6-octet concatenation header is needed.
const CAPACITY = {
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
} as const;

/** Encoding, length and the exact parts a text is sent in (GSM 03.38 / UCS-2, after NFC). */
export function analyse(text: string): SmsAnalysis {
  const normalised = text.normalize('NFC');
  const codePoints = Array.from(normalised);
  const septets = codePoints.map(gsmSeptets);
  const isGsm = septets.every((s) => s !== undefined);
  const encoding: SmsEncoding = isGsm ? 'GSM-7' : 'UCS-2';
  // A UCS-2 code point costs its UTF-16 length: a surrogate pair is 2 units and is never split.
  const costs = codePoints.map((cp, i) => (isGsm ? (septets[i] ?? 1) : cp.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const capacity = CAPACITY[encoding];

  if (units === 0) {
    return { encoding, characters: 0, units: 0, segments: 0, perSegment: capacity.single, parts: [] };
  }
  if (units <= capacity.single) {
    const characters = codePoints.length;
    return { encoding, characters, units, segments: 1, perSegment: capacity.single, parts: [normalised] };
  }
  const parts = pack(codePoints, costs, capacity.concatenated);
  return {
    encoding,
    characters: codePoints.length,
    units,
    segments: parts.length,
    perSegment: capacity.concatenated,
    parts,
  };
}

// Greedy fill: a code point that does not fit whole (ESC pair, surrogate pair) starts the next part.
function pack(codePoints: readonly string[], costs: readonly number[], limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  codePoints.forEach((cp, i) => {
    const cost = costs[i] ?? 1;
    if (used + cost > limit) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += cp;
    used += cost;
  });
  parts.push(current);
  return parts;
}
