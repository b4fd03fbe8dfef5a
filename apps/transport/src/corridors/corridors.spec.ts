import { describe, expect, it } from '@jest/globals';
import { corridorOf, type Corridor } from './corridors.js';

const corridors: Corridor[] = [
  { id: 'raqqa-tabqa', name: 'Raqqa / Tabqa road', areaPrefixes: ['SY11'] },
  { id: 'deir-ez-zor', name: 'Deir ez-Zor road', areaPrefixes: ['SY09'] },
  { id: 'tabqa-only', name: 'Tabqa district', areaPrefixes: ['SY1102'] },
];

describe(corridorOf.name, () => {
  it('should put a destination on the corridor of its governorate', () => {
    expect(corridorOf(corridors, 'SY090100')?.id).toBe('deir-ez-zor');
    expect(corridorOf(corridors, 'SY110000')?.id).toBe('raqqa-tabqa');
  });

  it('should prefer the most specific prefix and leave unknown places off every corridor', () => {
    expect(corridorOf(corridors, 'SY110200')?.id).toBe('tabqa-only');
    expect(corridorOf(corridors, 'SY020000')).toBeUndefined();
  });
});
