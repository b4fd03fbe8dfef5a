import { describe, expect, it } from '@jest/globals';
import { chainOf, chainsFromWalk, corridorServing, reaches, strictestOnChain } from './area-hierarchy.js';

// Tabqa city (a community) → Ath-Thawrah sub-district → Tabqa district → Ar-Raqqa governorate.
const parents = new Map<string, string | null>([
  ['C5901', 'SY110200'],
  ['SY110200', 'SY1102'],
  ['SY1102', 'SY11'],
  ['SY11', null],
]);
const TABQA_CITY = ['C5901', 'SY110200', 'SY1102', 'SY11'];

describe(chainOf.name, () => {
  it('should walk from a community up to its governorate, nearest first', () => {
    expect(chainOf('C5901', (code) => parents.get(code))).toEqual(TABQA_CITY);
  });

  it('should give an unknown code a chain of itself only, and stop at a cycle', () => {
    expect(chainOf('SY999999', (code) => parents.get(code))).toEqual(['SY999999']);
    const cyclic = new Map([['A01', 'B01'], ['B01', 'A01']]);
    expect(chainOf('A01', (code) => cyclic.get(code))).toEqual(['A01', 'B01']);
  });
});

describe(chainsFromWalk.name, () => {
  it('should order each destination chain by depth, whatever the rows order', () => {
    const steps = [
      { origin: 'C5901', code: 'SY11', depth: 3 },
      { origin: 'C5901', code: 'C5901', depth: 0 },
      { origin: 'C5901', code: 'SY1102', depth: 2 },
      { origin: 'C5901', code: 'SY110200', depth: 1 },
    ];
    const chains = chainsFromWalk(['C5901', 'X01'], steps);
    expect(chains.get('C5901')).toEqual(TABQA_CITY);
    expect(chains.get('X01')).toEqual(['X01']);
  });
});

describe(strictestOnChain.name, () => {
  it('should take a closure anywhere above the destination over a restriction nearer to it', () => {
    const statuses = new Map([
      ['SY110200', { status: 'restricted' as const, reason: 'returnees with a house only' }],
      ['SY11', { status: 'closed' as const, reason: 'fighting' }],
    ]);
    expect(strictestOnChain(TABQA_CITY, statuses)).toEqual({ code: 'SY11', status: 'closed', reason: 'fighting' });
  });

  it('should answer the nearest area on a tie, and nothing when every area is open or unset', () => {
    const statuses = new Map([
      ['SY1102', { status: 'closed' as const }],
      ['SY11', { status: 'closed' as const }],
      ['C5901', { status: 'open' as const }],
    ]);
    expect(strictestOnChain(TABQA_CITY, statuses)?.code).toBe('SY1102');
    expect(strictestOnChain(TABQA_CITY, new Map([['C5901', { status: 'open' as const }]]))).toBeUndefined();
  });
});

describe(corridorServing.name, () => {
  const corridors = [
    { id: 'raqqa-tabqa', areaCodes: ['SY11'] },
    { id: 'tabqa-bridge', areaCodes: ['SY1102'] },
    { id: 'deir-ez-zor', areaCodes: ['SY09'] },
  ];

  it('should serve a community through the corridor naming the nearest area above it', () => {
    expect(corridorServing(corridors, TABQA_CITY)?.id).toBe('tabqa-bridge');
    expect(corridorServing(corridors.filter((c) => c.id !== 'tabqa-bridge'), TABQA_CITY)?.id).toBe('raqqa-tabqa');
  });

  it('should not serve a destination by the text of its code', () => {
    // SY110200's code starts with SY11, but a chain that does not reach SY11 is not on that road.
    expect(corridorServing(corridors, ['SY110200'])).toBeUndefined();
    expect(reaches(['SY11'], ['SY110200'])).toBe(false);
    expect(reaches(['SY1102'], TABQA_CITY)).toBe(true);
  });
});
