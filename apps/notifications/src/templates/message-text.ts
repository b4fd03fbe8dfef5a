import {
  analyse,
  formatDate,
  formatTime,
  renderMissing,
  renderTemplate,
  resolveLanguage,
  type Language,
  type SmsEncoding,
  type TemplateKey,
  type TemplateOverrides,
  type TemplateVariables,
} from '@awda/sms-text';
import type { MessageParams } from '../messages/message-plan.js';

export interface MessageText {
  text: string;
  language: string;
  encoding: SmsEncoding;
  segments: number;
  characters: number;
}

/** Template variables from a message's raw facts, written in the family's language. */
export function variablesFor(params: MessageParams, caseNumber: string | null, language: string): TemplateVariables {
  const lang = resolveLanguage(language);
  return {
    caseNumber: caseNumber ?? undefined,
    date: params.departureDate ? formatDate(params.departureDate, lang) : undefined,
    time: params.departureTime ? formatTime(params.departureTime, lang) : undefined,
    assemblyPoint: assemblyPointIn(params, lang),
    // The dispatcher has put the area's name in the family's script here (the code when unknown).
    destination: params.destination,
    missing: params.reasons ? renderMissing(params.reasons, lang) : undefined,
  };
}

/** The assembly point as the camp wrote it in the family's language, else the one text every message has. */
export function assemblyPointIn(params: MessageParams, language: Language): string | undefined {
  const text = params.assemblyPointTexts?.[language];
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : params.assemblyPoint;
}

/** The exact text, encoding and segment count a message goes out with. */
export function composeMessage(
  template: TemplateKey,
  params: MessageParams,
  recipient: { caseNumber: string | null; language: string },
  overrides?: TemplateOverrides,
): MessageText {
  const rendered = renderTemplate(template, recipient.language, variablesFor(params, recipient.caseNumber, recipient.language), overrides);
  const analysis = analyse(rendered.text);
  return {
    text: rendered.text,
    language: rendered.language,
    encoding: analysis.encoding,
    segments: analysis.segments,
    characters: analysis.characters,
  };
}
