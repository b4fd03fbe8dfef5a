import { describe, expect, it } from '@jest/globals';
import { smsCost } from './cost.js';
import { analyse } from './segments.js';

const prices = { perSegmentMinor: { 'GSM-7': 4, 'UCS-2': 6 }, currency: 'USD' };

describe(smsCost.name, () => {
  it('should price each segment at its encoding’s price', () => {
    expect(smsCost(3, 'UCS-2', prices)).toEqual({ segments: 3, costMinor: 18, currency: 'USD' });
    expect(smsCost(1, 'GSM-7', prices)).toEqual({ segments: 1, costMinor: 4, currency: 'USD' });
  });

  it('should price an Arabic text of two parts as two UCS-2 segments', () => {
    const text = analyse('ب'.repeat(71));
    expect(smsCost(text.segments, text.encoding, prices)).toEqual({ segments: 2, costMinor: 12, currency: 'USD' });
  });
});
