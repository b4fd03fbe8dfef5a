// The services' English field messages said again in the user's language.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ApiError, fieldErrorMap } from '../api/errors';
import { fieldMessageText, recogniseFieldMessage } from './field-text';
import { i18n, loadPageStrings, switchLocale } from './i18n';

describe('recogniseFieldMessage', () => {
  it.each([
    ['caseNumber', 'caseNumber should not be empty', 'required', {}],
    ['members.1.fullNameAr', 'fullNameAr must be written in Arabic letters', 'arabicLetters', {}],
    ['members.0.estimatedAge', 'estimatedAge must not be greater than 120', 'max', { max: 120 }],
    ['members.0.estimatedAge', 'estimatedAge must not be less than 0', 'min', { min: 0 }],
    ['caseNumber', 'caseNumber must be shorter than or equal to 40 characters', 'maxLength', { n: 40 }],
    ['reason', 'reason must be longer than or equal to 3 characters', 'minLength', { n: 3 }],
    ['nickname', 'property nickname should not exist', 'notAllowed', {}],
    ['members', 'members must contain at least 1 elements', 'minItems', { n: 1 }],
    ['decidedOn', 'decidedOn must be a valid ISO 8601 date string', 'date', {}],
    ['destinationArea', 'destinationArea must be an area code such as SY110000', 'areaCode', {}],
    ['campId', 'campId must be a camp id such as mahmoudli (2–40 lowercase letters, digits, _ or -)', 'campId', {}],
    ['members.0.travelMode', 'travelMode must be one of seated, wheelchair, stretcher (or null: not stated)', 'oneOf', {}],
    ['roles', 'each value in roles must be one of the following values: caseworker, admin', 'oneOf', {}],
    ['decidedOn', 'decidedOn must be a date: use YYYY-MM-DD', 'date', {}],
    ['bornOn', 'bornOn is not a real calendar date (use YYYY-MM-DD)', 'date', {}],
    ['decidedOn', 'decidedOn cannot be in the future (today is 2026-12-06 in Asia/Damascus)', 'future', {}],
    ['decidedOn', 'decidedOn cannot be before 2011-01-01', 'tooEarly', {}],
    ['validDays', 'validDays must be a whole number of hours between 1 and 720', 'between', { min: 1, max: 720 }],
  ])('should read %s: %s', (field, message, problem, values) => {
    expect(recogniseFieldMessage(field, message)).toEqual({ problem, values });
  });

  it('should not guess at a sentence it does not know', () => {
    expect(recogniseFieldMessage('phone', 'phone is not a Syrian, Turkish or Iraqi mobile number')).toBeNull();
    expect(recogniseFieldMessage('caseNumber', 'somethingElse should not be empty')).toBeNull();
  });
});

describe('fieldMessageText', () => {
  beforeAll(async () => {
    await loadPageStrings();
  });

  it('should say a known problem in Arabic with Arabic-Indic digits when asked, and an unknown one as it came', async () => {
    await switchLocale('ar');
    const arabicDigits = (n: number) => new Intl.NumberFormat('ar-SY-u-nu-arab').format(n);
    expect(fieldMessageText(i18n.t, 'caseNumber', 'caseNumber must be shorter than or equal to 40 characters', arabicDigits)).toBe('اكتب ٤٠ حرفاً على الأكثر.');
    expect(fieldMessageText(i18n.t, 'members.0.fullNameAr', 'fullNameAr should not be empty')).toBe('هذا الحقل مطلوب.');
    expect(fieldMessageText(i18n.t, 'phone', 'phone is not a mobile number')).toBe('phone is not a mobile number');
  });

  it('should say it in Kurmanji and Sorani', async () => {
    await switchLocale('kmr');
    expect(fieldMessageText(i18n.t, 'members.0.estimatedAge', 'estimatedAge must not be greater than 120')).toBe('120 an kêmtir binivîse.');
    await switchLocale('ckb');
    expect(fieldMessageText(i18n.t, 'caseNumber', 'caseNumber should not be empty')).toBe('ئەم خانەیە پێویستە.');
    await switchLocale('ar');
  });

  it('should translate each field of a 400 through fieldErrorMap when the form gives it the field text', async () => {
    await switchLocale('en');
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Some fields are missing or not valid', [
      { field: 'members[1].fullNameAr', messages: ['fullNameAr must be written in Arabic letters'] },
      { field: 'caseNumber', messages: ['caseNumber should not be empty', 'caseNumber must be 1–40 letters, digits, / _ or -'] },
    ]);
    const texts = Object.assign(() => 'code sentence', { field: (field: string, message: string) => fieldMessageText(i18n.t, field, message) });
    expect(Object.fromEntries(fieldErrorMap(error, texts))).toEqual({
      'members.1.fullNameAr': ['Write this in Arabic letters.'],
      caseNumber: ['This field is required.', 'Use 1 to 40 letters, digits, /, _ or -.'],
    });
    // Without it (older callers), the service's sentences as they came.
    expect(fieldErrorMap(error).get('caseNumber')).toEqual(['caseNumber should not be empty', 'caseNumber must be 1–40 letters, digits, / _ or -']);
    await switchLocale('ar');
  });
});
