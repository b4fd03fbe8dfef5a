import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_TEMPLATES,
  LANGUAGES,
  TEMPLATE_KEYS,
  TEMPLATE_VARIABLES,
  analyse,
  isLanguage,
  isTemplateKey,
  smsCost,
  validateTemplate,
  type Language,
  type SmsCost,
  type TemplateKey,
  type TemplateOverrides,
} from '@awda/sms-text';
import { NotificationsConfig, smsPricesOf } from '../config.js';
import type { MessageParams } from '../messages/message-plan.js';
import { NOTIFICATIONS_ERRORS, refusal } from '../notifications.errors.js';
import { composeMessage, type MessageText } from './message-text.js';
import { TemplatesRepository } from './templates.repository.js';

export interface TemplateView {
  template: TemplateKey;
  language: Language;
  variables: readonly string[];
  defaultText: string;
  override: string | null;
}

// Sample facts for previews, so an admin sees the real length of a real message.
const SAMPLE: MessageParams = {
  departureDate: '2026-03-05',
  departureTime: '07:30',
  assemblyPoint: 'Gate 2',
  destination: 'SY110000',
  reasons: [{ code: 'consent_missing', params: { count: 2 } }],
};

/** Default texts from @awda/sms-text, admin overrides from template_overrides, and previews. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplatesRepository,
    private readonly config: NotificationsConfig,
  ) {}

  async overrides(manager: EntityManager = this.dataSource.manager): Promise<TemplateOverrides> {
    const rows = await this.templates.list(manager);
    const result: Partial<Record<TemplateKey, Partial<Record<Language, string>>>> = {};
    for (const row of rows) result[row.template] = { ...result[row.template], [row.language]: row.body };
    return result;
  }

  async list(): Promise<TemplateView[]> {
    const overrides = await this.overrides();
    return TEMPLATE_KEYS.flatMap((template) =>
      LANGUAGES.map((language) => ({
        template,
        language,
        variables: TEMPLATE_VARIABLES[template],
        defaultText: DEFAULT_TEMPLATES[language][template],
        override: overrides[template]?.[language] ?? null,
      })),
    );
  }

  async setOverride(template: string, language: string, body: string, by: string): Promise<TemplateView & ReturnType<typeof analyse>> {
    const [key, lang] = this.check(template, language);
    const validation = validateTemplate(body, TEMPLATE_VARIABLES[key]);
    if (!validation.valid) {
      throw refusal(NOTIFICATIONS_ERRORS.TEMPLATE_INVALID, validation.problems.map((p) => p.message).join(' '), 422, {
        problems: validation.problems,
      });
    }
    await this.templates.upsert(this.dataSource, key, lang, body, by);
    return { template: key, language: lang, variables: TEMPLATE_VARIABLES[key], defaultText: DEFAULT_TEMPLATES[lang][key], override: body, ...analyse(body) };
  }

  async removeOverride(template: string, language: string): Promise<void> {
    const [key, lang] = this.check(template, language);
    await this.templates.delete(this.dataSource, key, lang);
  }

  /** The message as a family would read it: saved override or the text given, with sample facts. */
  /** The text with sample values, its length, and its cost by the same price list as sent messages (SMS_PRICE_*). */
  async preview(template: string, language: string, text?: string): Promise<MessageText & { source: 'draft' | 'saved'; cost: SmsCost }> {
    const [key, lang] = this.check(template, language);
    const overrides = await this.overrides();
    const withDraft: TemplateOverrides = text === undefined ? overrides : { ...overrides, [key]: { ...overrides[key], [lang]: text } };
    try {
      const message = composeMessage(key, SAMPLE, { caseNumber: 'MAH-2026-00123', language: lang }, withDraft);
      return { ...message, source: text === undefined ? 'saved' : 'draft', cost: smsCost(message.segments, message.encoding, smsPricesOf(this.config)) };
    } catch (error) {
      throw refusal(NOTIFICATIONS_ERRORS.TEMPLATE_INVALID, (error as Error).message, 422);
    }
  }

  private check(template: string, language: string): [TemplateKey, Language] {
    if (!isTemplateKey(template)) throw refusal(NOTIFICATIONS_ERRORS.TEMPLATE_NOT_FOUND, `There is no message template '${template}'.`, 404);
    if (!isLanguage(language)) throw refusal(NOTIFICATIONS_ERRORS.LANGUAGE_NOT_FOUND, `Messages are written in ${LANGUAGES.join(', ')}.`, 404);
    return [template, language];
  }
}
