import { describe, expect, it } from '@jest/globals';
import { KEYWORD_WORDS, foldKeyword, parseKeyword } from './keywords.js';

describe(parseKeyword.name, () => {
  it.each([
    'STOP',
    'stop',
    'Stop.',
    '  stop!!  ',
    'UNSUBSCRIBE',
    'End',
    'cancel',
    '"STOP"',
    'ＳＴＯＰ',
    'S T O P',
    'stop 🙏',
  ])('should read %p as stop', (text) => {
    expect(parseKeyword(text)).toBe('stop');
  });

  it.each(['START', 'start.', ' Subscribe ', 'UNSTOP'])('should read %p as start', (text) => {
    expect(parseKeyword(text)).toBe('start');
  });

  it.each([
    ['توقف', 'stop'],
    ['تَوَقَّفْ', 'stop'],
    ['إيقاف', 'stop'],
    ['ايقاف', 'stop'],
    ['إلغاء الاشتراك', 'stop'],
    ['الغاء الاشتراك', 'stop'],
    ['الغاء  الاشتراك.', 'stop'],
    ['توقـــف!', 'stop'],
    ['ابدأ', 'start'],
    ['ابدا', 'start'],
    ['اشتراك', 'start'],
    ['تشغيل', 'start'],
    ['ستوب', 'stop'],
  ] as const)('should read Arabic %p as %s', (text, action) => {
    expect(parseKeyword(text)).toBe(action);
  });

  it.each([
    ['ڕاگرتن', 'stop'],
    ['راگرتن', 'stop'],
    ['وەستان', 'stop'],
    ['وهستان', 'stop'],
    ['دەستپێکردن', 'start'],
    ['دەست\u200cپێکردن', 'start'],
    ['دەست پێکردن', 'start'],
    ['دهستپيكردن', 'start'],
  ] as const)('should read Sorani %p as %s, however the keyboard spelled it', (text, action) => {
    expect(parseKeyword(text)).toBe(action);
  });

  it.each([
    ['RAWESTE', 'stop'],
    ['raweste', 'stop'],
    ['Bisekine!', 'stop'],
    ['BİSEKİNE', 'stop'],
    ['DESTPÊK', 'start'],
    ['destpek', 'start'],
    ['Destpêk.', 'start'],
  ] as const)('should read Kurmanji %p as %s with or without diacritics', (text, action) => {
    expect(parseKeyword(text)).toBe(action);
  });

  it.each([
    'please stop',
    'Will the convoy stop in Raqqa?',
    'stop stop',
    'stopping',
    'STOP123',
    'لماذا توقف الباص',
    'إلغاء',
    'betal',
    'متى نبدأ',
    'ok',
    '',
    '   ',
    '!!!',
  ])('should not read %p as a keyword', (text) => {
    expect(parseKeyword(text)).toBeNull();
  });
});

describe(foldKeyword.name, () => {
  it('should fold Arabic, Persian and Kurdish spellings of a letter to one form', () => {
    expect(foldKeyword('ڕاوەستە')).toBe(foldKeyword('راوهسته'));
    expect(foldKeyword('إيقاف')).toBe('ايقاف');
    expect(foldKeyword('ی')).toBe(foldKeyword('ى'));
  });

  it('should never fold a stop word and a start word to the same form', () => {
    const stops = new Set(KEYWORD_WORDS.stop.map(foldKeyword));
    expect(KEYWORD_WORDS.start.map(foldKeyword).filter((word) => stops.has(word))).toEqual([]);
  });

  it('should keep letters that make a different word', () => {
    expect(foldKeyword('توقف')).not.toBe(foldKeyword('تفوق'));
    expect(foldKeyword('end')).not.toBe(foldKeyword('and'));
  });
});
