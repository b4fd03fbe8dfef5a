import { describe, expect, it } from '@jest/globals';
import { corridorOf, type Corridor } from './corridors.js';

const corridors: Corridor[] = [
  { id: 'raqqa-tabqa', name: 'Raqqa / Tabqa road', areaCodes: ['SY11'] },
  { id: 'deir-ez-zor', name: 'Deir ez-Zor road', areaCodes: ['SY09'] },
  { id: 'tabqa-only', name: 'Tabqa district', areaCodes: ['SY1102'] },
];

describe(corridorOf.name, () => {
  it('should put a destination on the corridor of an area above it, a community included', () => {
    expect(corridorOf(corridors, ['SY090100', 'SY0901', 'SY09'])?.id).toBe('deir-ez-zor');
    expect(corridorOf(corridors, ['C5701', 'SY110000', 'SY1100', 'SY11'])?.id).toBe('raqqa-tabqa');
  });

  it('should prefer the corridor naming the nearest area, and leave places no corridor reaches off every corridor', () => {
    expect(corridorOf(corridors, ['C5901', 'SY110200', 'SY1102', 'SY11'])?.id).toBe('tabqa-only');
    expect(corridorOf(corridors, ['SY020100', 'SY0201', 'SY02'])).toBeUndefined();
    // The text of a code says nothing: an unknown code reaches only a corridor naming it.
    expect(corridorOf(corridors, ['SY110999'])).toBeUndefined();
  });
});
