import { describe, expect, it } from '@jest/globals';
import { normaliseArabic, stripArabicArticle } from './arabic-normalise.js';

describe(normaliseArabic.name, () => {
  it('should remove harakat, shadda, superscript alef and Quranic marks', () => {
    expect(normaliseArabic('مُحَمَّد')).toBe('محمد');
    expect(normaliseArabic('عَبْدُ الرَّحْمٰنِ')).toBe('عبدالرحمن');
    expect(normaliseArabic('يوسفۖ')).toBe('يوسف');
  });

  it('should remove tatweel', () => {
    expect(normaliseArabic('مـــحـمـد')).toBe('محمد');
  });

  it('should fold alef with hamza, madda and wasla to a bare alef', () => {
    expect(normaliseArabic('أحمد')).toBe('احمد');
    expect(normaliseArabic('إبراهيم')).toBe('ابراهيم');
    expect(normaliseArabic('آمنة')).toBe('امنه');
    expect(normaliseArabic('ٱسماعيل')).toBe('اسماعيل');
  });

  it('should fold alef maqsura, teh marbuta, waw and yeh with hamza', () => {
    expect(normaliseArabic('مصطفى')).toBe('مصطفي');
    expect(normaliseArabic('فاطمة')).toBe('فاطمه');
    expect(normaliseArabic('مؤمن')).toBe('مومن');
    expect(normaliseArabic('عائشة')).toBe('عايشه');
  });

  it('should drop a lone hamza', () => {
    expect(normaliseArabic('علاء')).toBe('علا');
  });

  it('should fold letters typed on Persian and Kurdish keyboards', () => {
    expect(normaliseArabic('کریم')).toBe('كريم');
    expect(normaliseArabic('شێخو')).toBe('شيخو');
    expect(normaliseArabic('هەڤال')).toBe('هفال');
    expect(normaliseArabic('ڕەزان')).toBe('رزان');
    expect(normaliseArabic('گولێ')).toBe('كولي');
  });

  it('should read Sorani vowel spelling as Arabic spelling', () => {
    // ئ only carries the vowel at a word's start; ە is a vowel inside a word, a teh marbuta at its end.
    expect(normaliseArabic('ئەحمەد')).toBe('احمد');
    expect(normaliseArabic('ئازاد')).toBe('ازاد');
    expect(normaliseArabic('فاطمە')).toBe(normaliseArabic('فاطمة'));
  });

  it('should turn Arabic-Indic and Eastern Arabic-Indic digits into ASCII digits', () => {
    expect(normaliseArabic('محمد ٢٠٢٤')).toBe('محمد 2024');
    expect(normaliseArabic('۱۲۳')).toBe('123');
  });

  it('should collapse whitespace and punctuation to single spaces', () => {
    expect(normaliseArabic('  محمد،   أحمد - (الحسن).  ')).toBe('محمد احمد الحسن');
  });

  it('should join عبد and أبو with the following word', () => {
    expect(normaliseArabic('عبد الله')).toBe(normaliseArabic('عبدالله'));
    expect(normaliseArabic('عبد الرحمن خالد')).toBe('عبدالرحمن خالد');
    expect(normaliseArabic('أبو بكر')).toBe('ابوبكر');
    expect(normaliseArabic('عبد ال رحمن')).toBe('عبدالرحمن');
  });

  it('should join a second half ending in الله or الدين to the word before', () => {
    expect(normaliseArabic('نور الدين العلي')).toBe('نورالدين العلي');
    expect(normaliseArabic('جاد الله')).toBe('جادالله');
    expect(normaliseArabic('العبد الله')).toBe('العبدالله');
  });

  it('should join a detached article with its word', () => {
    expect(normaliseArabic('آل حسن')).toBe('الحسن');
  });

  it('should drop the connectors بن, ابن and بنت between names', () => {
    expect(normaliseArabic('خالد بن الوليد')).toBe('خالد الوليد');
    expect(normaliseArabic('فاطمة بنت محمد')).toBe('فاطمه محمد');
    expect(normaliseArabic('علي ابن حسين')).toBe('علي حسين');
  });

  it('should keep names that differ by a consonant apart', () => {
    expect(normaliseArabic('حسن')).not.toBe(normaliseArabic('حسين'));
    expect(normaliseArabic('سعد')).not.toBe(normaliseArabic('سعيد'));
  });

  it('should read presentation forms and the ligature of Allah as letters', () => {
    expect(normaliseArabic('ﻣﺤﻤﺪ')).toBe('محمد');
    expect(normaliseArabic('عبد ﷲ')).toBe('عبدالله');
  });
});

describe(stripArabicArticle.name, () => {
  it('should strip the article from a family name', () => {
    expect(stripArabicArticle('العلي')).toBe('علي');
    expect(stripArabicArticle('الحسن')).toBe('حسن');
  });

  it('should keep an ال that is part of the name, and short words whole', () => {
    expect(stripArabicArticle('الياس')).toBe('الياس');
    expect(stripArabicArticle('الهام')).toBe('الهام');
    expect(stripArabicArticle('الحج')).toBe('الحج');
  });
});
