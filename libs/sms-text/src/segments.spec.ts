import { describe, expect, it } from '@jest/globals';
import { SegmentedMessage } from 'sms-segments-calculator';
import { GSM_BASIC_SIZE, GSM_EXTENSION_SIZE } from './gsm-alphabet.js';
import { analyse } from './segments.js';

const BEH = 'ب';

describe(analyse.name, () => {
  it('should hold the 127 basic and 10 extension characters of GSM 03.38', () => {
    expect(GSM_BASIC_SIZE).toBe(127);
    expect(GSM_EXTENSION_SIZE).toBe(10);
  });

  it('should send 160 GSM characters as one segment and 161 as two of at most 153', () => {
    const full = analyse('a'.repeat(160));
    expect(full).toMatchObject({ encoding: 'GSM-7', characters: 160, units: 160, segments: 1, perSegment: 160 });

    const over = analyse('a'.repeat(161));
    expect(over).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(over.parts.map((p) => p.length)).toEqual([153, 8]);
  });

  it('should send 70 Arabic characters as one segment and 71 as two parts of 67 and 4', () => {
    expect(analyse(BEH.repeat(70))).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70 });
    const over = analyse(BEH.repeat(71));
    expect(over).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 });
    expect(over.parts.map((p) => p.length)).toEqual([67, 4]);
  });

  it('should fit 134 Arabic characters in two segments and need three for 135', () => {
    expect(analyse(BEH.repeat(134)).segments).toBe(2);
    const three = analyse(BEH.repeat(135));
    expect(three.segments).toBe(3);
    expect(three.parts.map((p) => p.length)).toEqual([67, 67, 1]);
  });

  it('should count each extension character as two septets', () => {
    const result = analyse('{a}€');
    expect(result).toMatchObject({ encoding: 'GSM-7', characters: 4, units: 7, segments: 1 });
    expect(analyse('€'.repeat(80)).segments).toBe(1);
    expect(analyse('€'.repeat(81)).segments).toBe(2);
  });

  it('should move an extension character that straddles the 153 boundary whole to the next part', () => {
    // 152 septets, then € needs septets 153 and 154: it cannot be split, so part one keeps 152.
    const result = analyse('a'.repeat(152) + '€' + 'b'.repeat(10));
    expect(result.encoding).toBe('GSM-7');
    expect(result.parts).toEqual(['a'.repeat(152), '€' + 'b'.repeat(10)]);
  });

  it('should keep an extension character in the part when it ends exactly on the boundary', () => {
    const result = analyse('a'.repeat(151) + '€' + 'b'.repeat(10));
    expect(result.parts).toEqual(['a'.repeat(151) + '€', 'b'.repeat(10)]);
  });

  it('should treat form feed as an extension character', () => {
    expect(analyse('a\fb')).toMatchObject({ encoding: 'GSM-7', units: 4 });
  });

  it('should move an emoji that straddles the 67 boundary whole to the next part', () => {
    const result = analyse(BEH.repeat(66) + '😀' + BEH.repeat(10));
    expect(result).toMatchObject({ encoding: 'UCS-2', characters: 77, units: 78, segments: 2 });
    expect(result.parts).toEqual([BEH.repeat(66), '😀' + BEH.repeat(10)]);
  });

  it('should count an emoji as two units, so 35 fit one segment and 36 do not', () => {
    expect(analyse('😀'.repeat(35))).toMatchObject({ characters: 35, units: 70, segments: 1 });
    expect(analyse('😀'.repeat(36))).toMatchObject({ characters: 36, units: 72, segments: 2 });
  });

  it('should turn the whole message UCS-2 for a single non-GSM character', () => {
    const result = analyse('a'.repeat(100) + 'ç');
    expect(result).toMatchObject({ encoding: 'UCS-2', units: 101, segments: 2, perSegment: 67 });
    // Extension characters are plain UTF-16 units in UCS-2, no longer double.
    expect(analyse('€ş').units).toBe(2);
  });

  it('should accept every printable ASCII character except backtick as GSM', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    expect(analyse(ascii.replace('`', '')).encoding).toBe('GSM-7');
    expect(analyse('`').encoding).toBe('UCS-2');
  });

  it('should give the same count for decomposed and composed input after NFC', () => {
    const composed = 'é'.repeat(160);
    const decomposed = 'e\u0301'.repeat(160);
    expect(decomposed.length).toBe(320);
    expect(analyse(decomposed)).toEqual(analyse(composed));
    expect(analyse(decomposed)).toMatchObject({ encoding: 'GSM-7', segments: 1 });

    // Alef with hamza written as alef + combining hamza composes to one unit.
    expect(analyse('ا\u0654'.repeat(70))).toEqual(analyse('أ'.repeat(70)));
    expect(analyse('ا\u0654'.repeat(70)).segments).toBe(1);
  });

  it('should map compatibility look-alikes that NFC folds into GSM', () => {
    // Ohm sign and Angstrom sign compose to the GSM Ω and Å.
    expect(analyse('\u2126\u212B')).toMatchObject({ encoding: 'GSM-7', units: 2, parts: ['ΩÅ'] });
  });

  it('should return no parts for an empty text', () => {
    const empty = { encoding: 'GSM-7', characters: 0, units: 0, segments: 0, perSegment: 160, parts: [] };
    expect(analyse('')).toEqual(empty);
  });

  it('should give parts that join back to the normalised text', () => {
    const text = 'Case {AWD-1}: [ok] ~ | ^ \\ € '.repeat(12) + 'ب😀'.repeat(40);
    expect(analyse(text).parts.join('')).toBe(text.normalize('NFC'));
  });

  it('should split a flag between its two regional indicators, as it splits between code points', () => {
    // sms-segments-calculator keeps whole grapheme clusters and would need 73 units in part one here.
    const result = analyse(BEH.repeat(65) + '🇸🇾' + BEH.repeat(10));
    expect(result.parts.map((p) => p.length)).toEqual([67, 12]);
  });

  it('should agree with sms-segments-calculator on encoding and segment count for single-code-point text', () => {
    // No multi-code-point graphemes here: the reference keeps those whole, the network does not need to.
    const alphabet = ['a', 'Z', '7', ' ', '@', 'é', '€', '{', '\\', 'ب', 'ێ', 'ê', '😀', '\n', '\r\n'];
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let sample = 0; sample < 300; sample += 1) {
      const gsmOnly = sample % 2 === 0;
      const pool = gsmOnly ? alphabet.slice(0, 9) : alphabet;
      const length = 1 + Math.floor(random() * 400);
      const text = Array.from({ length }, () => pool[Math.floor(random() * pool.length)] ?? 'a').join('');
      const reference = new SegmentedMessage(text);
      const ours = analyse(text);
      expect([text.length, ours.encoding, ours.segments]).toEqual([
        text.length,
        reference.encodingName,
        reference.segmentsCount,
      ]);
    }
  });
});
