import { resolveLanguage } from '@awda/sms-text';
import type { MessageParams } from '../messages/message-plan.js';

export interface AreaNames {
  nameAr: string;
  nameEn: string;
}

/**
 * The name a family reads for an area: Arabic script for ar and ckb, Latin script for en and kmr
 * (an unknown language reads as Arabic, like the templates). An unknown code, or a blank name, gives the code.
 */
export function areaNameFor(code: string, language: string, names: ReadonlyMap<string, AreaNames>): string {
  const area = names.get(code);
  if (!area) return code;
  const lang = resolveLanguage(language);
  const name = (lang === 'ar' || lang === 'ckb' ? area.nameAr : area.nameEn).trim();
  return name === '' ? code : name;
}

/** The message's facts with its destination named for the family; other facts untouched. */
export function withAreaName(params: MessageParams, language: string, names: ReadonlyMap<string, AreaNames>): MessageParams {
  if (!params.destination) return params;
  return { ...params, destination: areaNameFor(params.destination, language, names) };
}
