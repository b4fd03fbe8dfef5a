import { localiseDigits, resolveLanguage, type Language } from './language.js';
import { PLACEHOLDER, placeholdersIn, strayBraces } from './placeholders.js';
import { DEFAULT_TEMPLATES } from './templates/index.js';
import { isTemplateKey, type TemplateKey } from './templates/template-keys.js';

export type TemplateVariables = Readonly<Record<string, string | number | null | undefined>>;

/** Admin-edited texts, by template key then language; blank texts count as absent. */
export type TemplateOverrides = Readonly<Partial<Record<TemplateKey, Readonly<Partial<Record<Language, string>>>>>>;

export interface RenderedMessage {
  text: string;
  /** The language the text is in, after fallback: format dates for it with the same language. */
  language: Language;
  source: 'override' | 'default';
}

export class TemplateVariableMissingError extends Error {
  constructor(
    readonly key: TemplateKey,
    readonly language: Language,
    readonly variable: string,
  ) {
    super(`Template '${key}' (${language}) needs the variable '${variable}', which was not given or is blank`);
    this.name = 'TemplateVariableMissingError';
  }
}

export class TemplateSyntaxError extends Error {
  constructor(
    readonly key: TemplateKey,
    readonly language: Language,
    readonly fragment: string,
  ) {
    super(`Template '${key}' (${language}) has a malformed placeholder near '${fragment}'`);
    this.name = 'TemplateSyntaxError';
  }
}

export type TemplateTexts = Readonly<Record<Language, Readonly<Record<TemplateKey, string>>>>;

interface ChosenText {
  text: string;
  language: Language;
  source: RenderedMessage['source'];
}

/** Renders a message: requested-language override, its default, then Arabic, then English; never blank. */
export function renderTemplate(
  key: TemplateKey,
  language: string,
  variables: TemplateVariables,
  overrides?: TemplateOverrides,
): RenderedMessage {
  if (!isTemplateKey(key)) throw new RangeError(`Unknown SMS template key '${String(key)}'`);
  const chosen = chooseTemplateText(key, resolveLanguage(language), overrides);
  const fragments = strayBraces(chosen.text);
  if (fragments[0] !== undefined) throw new TemplateSyntaxError(key, chosen.language, fragments[0]);

  // One pass over the template, so braces inside a value are never read as placeholders.
  const text = chosen.text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = valueOf(variables, name, chosen.language);
    if (value === undefined) throw new TemplateVariableMissingError(key, chosen.language, name);
    return value;
  });
  return { text: text.normalize('NFC').trim(), language: chosen.language, source: chosen.source };
}

// The first non-blank text in: requested override, requested default, Arabic ditto, English ditto.
export function chooseTemplateText(
  key: TemplateKey,
  requested: Language,
  overrides: TemplateOverrides | undefined,
  defaults: TemplateTexts = DEFAULT_TEMPLATES,
): ChosenText {
  for (const language of new Set<Language>([requested, 'ar', 'en'])) {
    const candidates = [
      { text: overrides?.[key]?.[language], source: 'override' as const },
      { text: defaults[language][key], source: 'default' as const },
    ];
    for (const { text, source } of candidates) {
      if (typeof text === 'string' && text.trim() !== '') return { text, language, source };
    }
  }
  // The shipped defaults are never blank (tested), so only a broken table gets here.
  throw new Error(`No text for SMS template '${key}' in ${requested}, ar or en`);
}

function valueOf(variables: TemplateVariables, name: string, language: Language): string | undefined {
  if (!Object.hasOwn(variables, name)) return undefined;
  const value = variables[name];
  if (typeof value === 'number') return Number.isFinite(value) ? localiseDigits(String(value), language) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim();
}

export type TemplateProblemCode = 'empty' | 'missing_variable' | 'unknown_variable' | 'malformed_placeholder';

export interface TemplateProblem {
  code: TemplateProblemCode;
  /** The variable name or the malformed fragment the problem is about. */
  subject?: string;
  message: string;
}

export interface TemplateValidation {
  valid: boolean;
  problems: TemplateProblem[];
}

/** Checks an admin-edited text: not blank, every required variable used, no unknown or malformed placeholder. */
export function validateTemplate(text: string, requiredVars: readonly string[]): TemplateValidation {
  const problems: TemplateProblem[] = [];
  if (text.trim() === '') {
    problems.push({ code: 'empty', message: 'The message text is empty.' });
    return { valid: false, problems };
  }
  const used = new Set(placeholdersIn(text));
  for (const name of requiredVars) {
    if (!used.has(name)) {
      problems.push({ code: 'missing_variable', subject: name, message: `The text must contain {${name}}.` });
    }
  }
  for (const name of used) {
    if (!requiredVars.includes(name)) {
      const known = requiredVars.length > 0 ? requiredVars.map((v) => `{${v}}`).join(', ') : 'none';
      problems.push({
        code: 'unknown_variable',
        subject: name,
        message: `{${name}} is not available for this message (available: ${known}).`,
      });
    }
  }
  for (const fragment of strayBraces(text)) {
    problems.push({
      code: 'malformed_placeholder',
      subject: fragment,
      message: `'${fragment}' is not a valid placeholder; write it as {name} without spaces.`,
    });
  }
  return { valid: problems.length === 0, problems };
}
