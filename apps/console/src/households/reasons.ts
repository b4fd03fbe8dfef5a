// Why a household is not eligible yet, in the user's language, from the reason codes the
// assessment carries (the same codes the timeline stores): "consent missing for 2 adults".
import type { TFunction } from 'i18next';
import type { ReasonOnWire } from '../api/types';
import { translateOr } from '../i18n/dynamic';

export const KNOWN_REASONS = [
  'consent_missing',
  'consent_declined',
  'guardian_consent_missing',
  'area_closed',
  'area_restricted',
  'area_unknown',
  'area_not_served',
  'head_document_missing',
  'duplicate_unresolved',
  'medical_clearance_missing',
  'travel_mode_missing',
  'bid_missing',
  'withdrawn',
] as const;

export interface ReasonContext {
  /** An area's name in the user's language, from its code. */
  areaName: (code: string) => string;
  number: (value: number) => string;
}

/** One reason as a sentence; an unknown code falls back to the service's own sentence, then the code. */
export function reasonText(t: TFunction, reason: ReasonOnWire & { message?: { ar: string; en: string } }, context: ReasonContext, locale: string): string {
  const count = typeof reason.params['count'] === 'number' ? reason.params['count'] : 0;
  const area = reason.params['area'] === undefined ? '' : context.areaName(String(reason.params['area']));
  const detail = reason.params['reason'] === undefined ? '' : String(reason.params['reason']);
  const fallback = reason.message ? (locale === 'ar' || locale === 'ckb' ? reason.message.ar : reason.message.en) : reason.code;
  return translateOr(t, `reasons.${reason.code}`, fallback, { count, n: context.number(count), area, detail: detail ? `: ${detail}` : '' });
}
