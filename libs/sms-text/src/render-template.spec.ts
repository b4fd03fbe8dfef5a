import { describe, expect, it } from '@jest/globals';
import {
  TemplateSyntaxError,
  TemplateVariableMissingError,
  chooseTemplateText,
  renderTemplate,
  validateTemplate,
  type TemplateTexts,
} from './render-template.js';
import { DEFAULT_TEMPLATES } from './templates/index.js';

const SCHEDULED = {
  caseNumber: 'AWD-2025-004217',
  destination: 'Deir ez-Zor',
  date: 'Thursday 12 June 2025',
  assemblyPoint: 'the main gate',
  time: '6:30 am',
};

describe(renderTemplate.name, () => {
  it('should fill every placeholder of the default text in the requested language', () => {
    expect(renderTemplate('scheduled', 'en', SCHEDULED)).toEqual({
      text:
        'Case AWD-2025-004217: your return to Deir ez-Zor is on Thursday 12 June 2025. ' +
        'Please come to the main gate at 6:30 am with your documents.',
      language: 'en',
      source: 'default',
    });
  });

  it('should prefer the admin override in the requested language', () => {
    const overrides = { departed: { ckb: 'کاروان بەرەو {destination} ڕۆیشت.', ar: 'غادرت القافلة.' } };
    expect(renderTemplate('departed', 'ckb', { destination: 'دێرەزوور' }, overrides)).toEqual({
      text: 'کاروان بەرەو دێرەزوور ڕۆیشت.',
      language: 'ckb',
      source: 'override',
    });
  });

  it('should use the requested language default when its override is blank', () => {
    const overrides = { opted_in: { kmr: '   ' } };
    const rendered = renderTemplate('opted_in', 'kmr', {}, overrides);
    expect(rendered).toEqual({ text: DEFAULT_TEMPLATES.kmr.opted_in, language: 'kmr', source: 'default' });
  });

  it('should fall back to Arabic for a language it does not know, override first', () => {
    const overrides = { opted_out: { ar: 'تم إيقاف الرسائل.' } };
    expect(renderTemplate('opted_out', 'fr', {}, overrides)).toEqual({
      text: 'تم إيقاف الرسائل.',
      language: 'ar',
      source: 'override',
    });
    expect(renderTemplate('opted_out', '', {}).text).toBe(DEFAULT_TEMPLATES.ar.opted_out);
  });

  it('should read a stored language code with region or capitals', () => {
    expect(renderTemplate('opted_in', 'CKB-IQ', {}).language).toBe('ckb');
  });

  it('should name the missing variable instead of sending a placeholder', () => {
    const { date: _date, ...withoutDate } = SCHEDULED;
    expect(() => renderTemplate('scheduled', 'ar', withoutDate)).toThrow(TemplateVariableMissingError);
    expect(() => renderTemplate('scheduled', 'ar', withoutDate)).toThrow(/'date'/);
  });

  it('should treat a blank or non-finite value as missing', () => {
    expect(() => renderTemplate('departed', 'en', { destination: '  ' })).toThrow(/'destination'/);
    expect(() => renderTemplate('departed', 'en', { destination: Number.NaN })).toThrow(/'destination'/);
    expect(() => renderTemplate('departed', 'en', { destination: null })).toThrow(/'destination'/);
  });

  it('should not read a placeholder from an inherited property', () => {
    const overrides = { opted_in: { en: 'Hello {constructor}' } };
    expect(() => renderTemplate('opted_in', 'en', {}, overrides)).toThrow(/'constructor'/);
  });

  it('should ignore variables the text does not use', () => {
    expect(renderTemplate('departed', 'en', { destination: 'Raqqa', date: 'x' }).text).toBe(
      'Your convoy has left for Raqqa. We wish you a safe journey.',
    );
  });

  it('should write numbers in the digits of the language but leave string identifiers untouched', () => {
    const overrides = { registered: { ar: 'الملف {caseNumber}', en: 'Case {caseNumber}' } };
    expect(renderTemplate('registered', 'ar', { caseNumber: 2025 }, overrides).text).toBe('الملف ٢٠٢٥');
    expect(renderTemplate('registered', 'ar', { caseNumber: 'AWD-2025' }, overrides).text).toBe('الملف AWD-2025');
    expect(renderTemplate('registered', 'en', { caseNumber: 2025 }, overrides).text).toBe('Case 2025');
  });

  it('should not expand a placeholder that arrives inside a value', () => {
    const text = renderTemplate('departed', 'en', { destination: '{date}', date: 'Monday' }).text;
    expect(text).toBe('Your convoy has left for {date}. We wish you a safe journey.');
  });

  it('should refuse a template with a malformed placeholder', () => {
    const overrides = { departed: { en: 'Left for { destination }.' } };
    expect(() => renderTemplate('departed', 'en', { destination: 'Raqqa' }, overrides)).toThrow(TemplateSyntaxError);
  });

  it('should normalise the result to NFC and trim it', () => {
    const overrides = { departed: { en: '  Left for {destination}. ' } };
    const rendered = renderTemplate('departed', 'en', { destination: 'Mare\u0301' }, overrides);
    expect(rendered.text).toBe('Left for Maré.');
  });

  it('should reject an unknown template key at run time', () => {
    expect(() => renderTemplate('welcome' as never, 'en', {})).toThrow(RangeError);
  });
});

describe(chooseTemplateText.name, () => {
  const blankArabic: TemplateTexts = {
    ...DEFAULT_TEMPLATES,
    ar: { ...DEFAULT_TEMPLATES.ar, arrived: '' },
    kmr: { ...DEFAULT_TEMPLATES.kmr, arrived: ' ' },
  };

  it('should go on to the Arabic override, then English, when earlier texts are blank', () => {
    const overrides = { arrived: { ar: 'وصلتم.' } };
    expect(chooseTemplateText('arrived', 'kmr', overrides, blankArabic)).toEqual({
      text: 'وصلتم.',
      language: 'ar',
      source: 'override',
    });
    expect(chooseTemplateText('arrived', 'kmr', { arrived: { en: 'Arrived.' } }, blankArabic)).toEqual({
      text: 'Arrived.',
      language: 'en',
      source: 'override',
    });
    expect(chooseTemplateText('arrived', 'kmr', undefined, blankArabic)).toMatchObject({
      language: 'en',
      source: 'default',
    });
  });

  it('should throw rather than return an empty text when no language has one', () => {
    const empty: TemplateTexts = {
      ...blankArabic,
      en: { ...DEFAULT_TEMPLATES.en, arrived: '' },
    };
    expect(() => chooseTemplateText('arrived', 'kmr', undefined, empty)).toThrow(/arrived/);
  });
});

describe(validateTemplate.name, () => {
  it('should accept a text that uses exactly the required variables', () => {
    expect(validateTemplate('Convoy on {date} at {time}.', ['date', 'time'])).toEqual({ valid: true, problems: [] });
  });

  it('should report a blank text', () => {
    expect(validateTemplate(' \n', [])).toEqual({
      valid: false,
      problems: [{ code: 'empty', message: 'The message text is empty.' }],
    });
  });

  it('should name each required variable the text leaves out', () => {
    const result = validateTemplate('Convoy soon.', ['date', 'time']);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => [p.code, p.subject])).toEqual([
      ['missing_variable', 'date'],
      ['missing_variable', 'time'],
    ]);
  });

  it('should name a variable the message does not provide', () => {
    const result = validateTemplate('Convoy on {date} for {name}.', ['date']);
    expect(result.problems).toEqual([
      {
        code: 'unknown_variable',
        subject: 'name',
        message: '{name} is not available for this message (available: {date}).',
      },
    ]);
  });

  it('should report braces that are not a well-formed placeholder', () => {
    const result = validateTemplate('On { date } or {{date}} or {date', ['date']);
    expect(result.valid).toBe(false);
    expect(result.problems.filter((p) => p.code === 'malformed_placeholder')).toHaveLength(5);
  });
});
