// The sentences a case worker reads out to a family, in Arabic and English. Counts, never names.
import type { OverrideOutcome } from './household-facts.js';
import type { BilingualText } from './rule-set.js';

export const REASON_CODES = [
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
export type ReasonCode = (typeof REASON_CODES)[number];

export type ReasonParams = Readonly<Record<string, string | number>>;

/** Arabic counted phrases: the singular and dual forms agree with the noun; 3 and more use "N من …". */
interface ArabicCount {
  readonly one: string;
  readonly two: string;
  readonly many: (count: number) => string;
}

function arabicCount(count: number, forms: ArabicCount): string {
  if (count === 1) return forms.one;
  if (count === 2) return forms.two;
  return forms.many(count);
}

function englishCount(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

function countParam(params: ReasonParams): number {
  const count = params['count'];
  return typeof count === 'number' ? count : 0;
}

function textParam(params: ReasonParams, key: string): string {
  const value = params[key];
  return value === undefined ? '' : String(value);
}

type MessageRenderer = (params: ReasonParams) => BilingualText;

const RENDERERS: Readonly<Record<ReasonCode, MessageRenderer>> = {
  consent_missing: (params) => {
    const count = countParam(params);
    return {
      en: `Consent missing for ${englishCount(count, 'adult', 'adults')}`,
      ar: `الموافقة ناقصة ${arabicCount(count, {
        one: 'لبالغ واحد',
        two: 'لبالغين اثنين',
        many: (n) => `لـ ${n} من البالغين`,
      })}`,
    };
  },
  consent_declined: (params) => {
    const count = countParam(params);
    return {
      en: `Consent declined by ${englishCount(count, 'adult', 'adults')}`,
      ar: `رفض ${arabicCount(count, {
        one: 'بالغ واحد',
        two: 'بالغان اثنان',
        many: (n) => `${n} من البالغين`,
      })} الموافقة على العودة`,
    };
  },
  guardian_consent_missing: () => ({
    en: 'No adult in the household: guardian consent or best-interests decision missing',
    ar: 'لا يوجد بالغ في الأسرة: موافقة الوصي أو قرار المصلحة الفضلى ناقص',
  }),
  area_closed: (params) => {
    const area = textParam(params, 'area');
    return {
      en: `Destination area ${area} is closed to returns`,
      ar: `منطقة الوجهة ${area} مغلقة أمام العودة`,
    };
  },
  area_restricted: (params) => {
    const area = textParam(params, 'area');
    const reason = textParam(params, 'reason');
    return {
      en: `Returns to destination area ${area} are restricted${reason ? `: ${reason}` : ''}`,
      ar: `العودة إلى منطقة الوجهة ${area} مقيدة${reason ? `: ${reason}` : ''}`,
    };
  },
  area_unknown: (params) => {
    const area = textParam(params, 'area');
    return {
      en: `Destination area ${area} is not in the area list; correct the destination`,
      ar: `منطقة الوجهة ${area} غير موجودة في قائمة المناطق؛ يرجى تصحيح الوجهة`,
    };
  },
  area_not_served: (params) => {
    const area = textParam(params, 'area');
    return {
      en: `No convoy route goes to destination area ${area} yet`,
      ar: `لا يوجد بعد طريق قوافل إلى منطقة الوجهة ${area}`,
    };
  },
  head_document_missing: () => ({
    en: 'The head of household has no identity document on file',
    ar: 'لا توجد وثيقة هوية مسجلة لرب الأسرة',
  }),
  duplicate_unresolved: (params) => {
    const count = countParam(params);
    return {
      en: `${englishCount(count, 'possible duplicate registration', 'possible duplicate registrations')} not resolved yet`,
      ar: `يوجد ${arabicCount(count, {
        one: 'تسجيل مكرر محتمل واحد لم يحسم بعد',
        two: 'تسجيلان مكرران محتملان لم يحسما بعد',
        many: (n) => `${n} من التسجيلات المكررة المحتملة لم تحسم بعد`,
      })}`,
    };
  },
  medical_clearance_missing: (params) => {
    const count = countParam(params);
    return {
      en: `Fitness-to-travel clearance missing for ${englishCount(count, 'member', 'members')}`,
      ar: `شهادة اللياقة الطبية للسفر ناقصة ${arabicCount(count, {
        one: 'لفرد واحد',
        two: 'لفردين اثنين',
        many: (n) => `لـ ${n} من أفراد الأسرة`,
      })}`,
    };
  },
  travel_mode_missing: (params) => {
    const count = countParam(params);
    return {
      en: `The medical clearance does not state how ${englishCount(count, 'member', 'members')} can travel (bus, bus with a companion, seated in an ambulance or on a stretcher)`,
      ar: `الشهادة الطبية لا تحدد طريقة سفر ${arabicCount(count, {
        one: 'فرد واحد',
        two: 'فردين اثنين',
        many: (n) => `${n} من أفراد الأسرة`,
      })} (حافلة، حافلة مع مرافق، سيارة إسعاف جلوساً، أو على نقالة)`,
    };
  },
  bid_missing: (params) => {
    const count = countParam(params);
    return {
      en: `Best-interests determination missing for ${englishCount(count, 'separated child', 'separated children')}`,
      ar: `لم يستكمل تحديد المصالح الفضلى ${arabicCount(count, {
        one: 'لطفل منفصل عن ذويه',
        two: 'لطفلين منفصلين عن ذويهما',
        many: (n) => `لـ ${n} من الأطفال المنفصلين عن ذويهم`,
      })}`,
    };
  },
  withdrawn: () => ({
    en: 'Consent to return was withdrawn',
    ar: 'سُحبت الموافقة على العودة',
  }),
};

/** The bilingual sentence for a reason code and its parameters, e.g. to re-render a stored reason. */
export function reasonMessage(code: ReasonCode, params: ReasonParams): BilingualText {
  return RENDERERS[code](params);
}

const OUTCOME_TEXT: Readonly<Record<OverrideOutcome, BilingualText>> = {
  eligible: { en: 'eligible', ar: 'مؤهلة' },
  ineligible: { en: 'not eligible', ar: 'غير مؤهلة' },
};

function isoDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/**
 * The sentence explaining an override that was applied or, when expired, ignored; an eligible override
 * names the rules it waives.
 */
export function overrideMessage(
  outcome: OverrideOutcome,
  expiresAt: string | null,
  applied: boolean,
  waives: readonly string[] = [],
): BilingualText {
  const text = OUTCOME_TEXT[outcome];
  if (!applied && expiresAt !== null) {
    const day = isoDay(expiresAt);
    return {
      en: `Override (${text.en}) expired on ${day} and was ignored`,
      ar: `انتهت صلاحية القرار الاستثنائي (${text.ar}) في ${day} ولم يؤخذ به`,
    };
  }
  const until = expiresAt === null ? null : isoDay(expiresAt);
  if (outcome === 'eligible') {
    const rules = waives.length > 0 ? waives.join(', ') : '—';
    return {
      en: `Override: ${rules} waived${until ? ` until ${until}` : ''}`,
      ar: `قرار استثنائي: إعفاء من ${waives.length > 0 ? waives.join('، ') : '—'}${until ? ` حتى ${until}` : ''}`,
    };
  }
  return {
    en: `Override: household ${text.en}${until ? ` until ${until}` : ''}`,
    ar: `قرار استثنائي: الأسرة ${text.ar}${until ? ` حتى ${until}` : ''}`,
  };
}
