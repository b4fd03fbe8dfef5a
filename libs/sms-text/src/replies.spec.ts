import { describe, expect, it } from '@jest/globals';
import { matchReply, normaliseReply, parseAnswer, type OpenConversation } from './replies.js';

function conversation(over: Partial<OpenConversation> = {}): OpenConversation {
  return {
    conversationId: 'c-1',
    householdId: 'h-1',
    caseNumber: 'MHM-2026-000101',
    purpose: 'seat_confirmation',
    departureAt: '2026-12-10T06:00:00Z',
    openedAt: '2026-12-01T10:00:00Z',
    ...over,
  };
}

describe(normaliseReply.name, () => {
  it.each([
    ['١', '1'],
    ['۲', '2'],
    [' 1 . ', '1'],
    ['«١»', '1'],
    ['نَعَم', 'نعم'],
    ['YES!', 'yes'],
    ['Erê', 'ere'],
    ['MHM-2026-٠٠٠١٠١  ١', 'mhm 2026 000101 1'],
    ['بەڵێ', 'بهلي'],
  ])('should normalise %p to %p', (text, expected) => {
    expect(normaliseReply(text)).toBe(expected);
  });
});

describe(parseAnswer.name, () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['1 1', 1],
  ] as const)('should read digits %p', (text, answer) => {
    expect(parseAnswer(normaliseReply(text), 'seat_confirmation')).toBe(answer);
  });

  it.each([
    // en, ar, ckb, kmr
    ['Yes', 1], ['no', 2],
    ['نعم', 1], ['لا', 2], ['أكيد', 1],
    ['بەڵێ', 1], ['نەخێر', 2],
    ['erê', 1], ['ere', 1], ['na', 2],
  ] as const)('should read the seat-confirmation word %p as %p', (text, answer) => {
    expect(parseAnswer(normaliseReply(text), 'seat_confirmation')).toBe(answer);
  });

  it.each([
    ['arrived', 1], ['help', 2],
    ['وصلنا', 1], ['مساعدة', 2], ['نحتاج مساعدة', 2],
    ['گەیشتین', 1], ['یارمەتی', 2],
    ['gihîştin', 1], ['alîkarî', 2],
  ] as const)('should read the arrival word %p as %p', (text, answer) => {
    expect(parseAnswer(normaliseReply(text), 'arrival_check')).toBe(answer);
  });

  it.each(['12', '1 2', '3', 'maybe', 'نعم لا', 'yes please come tomorrow', ''])('should not read %p', (text) => {
    expect(parseAnswer(normaliseReply(text), 'seat_confirmation')).toBeNull();
  });
});

describe(matchReply.name, () => {
  it('should give STOP and START priority over an open conversation', () => {
    expect(matchReply('STOP', [conversation()])).toEqual({ kind: 'keyword', action: 'stop' });
    expect(matchReply('توقف', [conversation()])).toEqual({ kind: 'keyword', action: 'stop' });
    expect(matchReply('start', [conversation()])).toEqual({ kind: 'keyword', action: 'start' });
  });

  it('should say when the phone has no open conversation', () => {
    expect(matchReply('1', [])).toEqual({ kind: 'no_conversation' });
  });

  it.each(['١', '۱', '1', ' ١. '])('should match the digit %p to the one open conversation', (text) => {
    expect(matchReply(text, [conversation()])).toMatchObject({ kind: 'answer', answer: 1, conversation: { conversationId: 'c-1' } });
  });

  it('should keep a reply that is not an answer as unrecognised, never guessing', () => {
    expect(matchReply('we will come if the bus has room for the goat', [conversation()])).toMatchObject({
      kind: 'unrecognised',
      conversation: { conversationId: 'c-1' },
    });
  });

  describe('several households on one phone', () => {
    const later = conversation({ conversationId: 'c-later', householdId: 'h-2', caseNumber: 'MHM-2026-000202', departureAt: '2026-12-20T06:00:00Z' });
    const sooner = conversation({ conversationId: 'c-sooner', householdId: 'h-3', caseNumber: 'MHM-2026-000303', departureAt: '2026-12-08T06:00:00Z' });

    it('should pick the soonest departure when the reply names no case', () => {
      expect(matchReply('2', [later, sooner])).toMatchObject({ kind: 'answer', answer: 2, conversation: { conversationId: 'c-sooner' } });
    });

    it('should pick the earliest opened when departures are equal or unknown', () => {
      const a = conversation({ conversationId: 'a', departureAt: null, openedAt: '2026-12-02T00:00:00Z' });
      const b = conversation({ conversationId: 'b', departureAt: null, openedAt: '2026-12-01T00:00:00Z' });
      const c = conversation({ conversationId: 'c', departureAt: '2026-12-30T00:00:00Z' });
      expect(matchReply('1', [a, b, c])).toMatchObject({ conversation: { conversationId: 'c' } });
      expect(matchReply('1', [a, b])).toMatchObject({ conversation: { conversationId: 'b' } });
    });

    it.each([
      'MHM-2026-000202 1',
      '1 MHM-2026-000202',
      'mhm 2026 000202 ١',
      'MHM-2026-٠٠٠٢٠٢ ١',
      '000202 1',
      '٠٠٠٢٠٢ - ۱',
    ])('should pick the household whose case number is in %p', (text) => {
      expect(matchReply(text, [later, sooner])).toMatchObject({ kind: 'answer', answer: 1, conversation: { conversationId: 'c-later' } });
    });

    it('should read a case number with an arrival word', () => {
      const arrival = conversation({ conversationId: 'arr', purpose: 'arrival_check', caseNumber: 'ARS-77-0042' });
      expect(matchReply('ARS-77-0042 نحتاج مساعدة', [sooner, arrival])).toMatchObject({ kind: 'answer', answer: 2, conversation: { conversationId: 'arr' } });
    });

    it('should not match a case number that belongs to none of the phone\'s households', () => {
      expect(matchReply('MHM-2026-000999 1', [later, sooner])).toMatchObject({ kind: 'unrecognised', conversation: { conversationId: 'c-sooner' } });
    });
  });
});
