import type { Language } from '../language.js';
import type { PluralCategory } from './plural.js';

export const MISSING_REASON_CODES = [
  'consent_missing',
  'guardian_consent_missing',
  'area_closed',
  'area_restricted',
  'area_not_served',
  'head_document_missing',
  'duplicate_unresolved',
  'medical_clearance_missing',
  'travel_mode_missing',
  'bid_missing',
  'withdrawn',
] as const;
export type MissingReasonCode = (typeof MISSING_REASON_CODES)[number];

/** A phrase that depends on a {count}: `none` when no usable count was given, `other` as the fallback. */
export type CountedPhrase = { none: string; other: string } & Partial<Record<PluralCategory, string>>;
export type Phrase = string | CountedPhrase;

export interface PhraseBook {
  reasons: Readonly<Record<MissingReasonCode, Phrase>>;
  /** For an unknown code or an empty list: still tells the family where to ask. */
  unknown: string;
  separator: string;
  /** Between the last two items; Arabic attaches و to the next word. */
  lastSeparator: string;
}

// Short noun phrases that read after "Reason:" in both the pending and the ineligible messages.
export const MISSING_PHRASES: Readonly<Record<Language, PhraseBook>> = {
  ar: {
    reasons: {
      consent_missing: {
        none: 'نقص موافقة بعض أفراد العائلة',
        one: 'نقص موافقة أحد أفراد العائلة',
        two: 'نقص موافقة فردين من العائلة',
        few: 'نقص موافقة {count} أفراد من العائلة',
        many: 'نقص موافقة {count} فرداً من العائلة',
        other: 'نقص موافقة {count} فرد من العائلة',
      },
      guardian_consent_missing: 'نقص موافقة الوصي أو قرار المصلحة الفضلى للأطفال',
      area_closed: 'منطقة العودة مغلقة حالياً',
      area_restricted: 'الوصول إلى منطقة العودة مقيد حالياً',
      area_not_served: 'لا يوجد بعد طريق قوافل إلى منطقة العودة',
      head_document_missing: 'نقص وثيقة هوية رب الأسرة',
      duplicate_unresolved: 'تسجيل مكرر قيد التدقيق',
      medical_clearance_missing: {
        none: 'نقص إذن طبي لبعض أفراد العائلة',
        one: 'نقص إذن طبي لأحد أفراد العائلة',
        two: 'نقص إذن طبي لفردين من العائلة',
        few: 'نقص إذن طبي لـ{count} أفراد من العائلة',
        many: 'نقص إذن طبي لـ{count} فرداً من العائلة',
        other: 'نقص إذن طبي لـ{count} فرد من العائلة',
      },
      travel_mode_missing: {
        none: 'نقص تحديد طريقة السفر في الإذن الطبي لبعض أفراد العائلة',
        one: 'نقص تحديد طريقة السفر في الإذن الطبي لأحد أفراد العائلة',
        two: 'نقص تحديد طريقة السفر في الإذن الطبي لفردين من العائلة',
        few: 'نقص تحديد طريقة السفر في الإذن الطبي لـ{count} أفراد من العائلة',
        many: 'نقص تحديد طريقة السفر في الإذن الطبي لـ{count} فرداً من العائلة',
        other: 'نقص تحديد طريقة السفر في الإذن الطبي لـ{count} فرد من العائلة',
      },
      bid_missing: {
        none: 'نقص تحديد المصلحة الفضلى لطفل منفصل عن أسرته',
        one: 'نقص تحديد المصلحة الفضلى لطفل',
        two: 'نقص تحديد المصلحة الفضلى لطفلين',
        few: 'نقص تحديد المصلحة الفضلى لـ{count} أطفال',
        many: 'نقص تحديد المصلحة الفضلى لـ{count} طفلاً',
        other: 'نقص تحديد المصلحة الفضلى لـ{count} طفل',
      },
      withdrawn: 'تم سحب طلب العودة',
    },
    unknown: 'استكمال معلومات لدى إدارة المخيم',
    separator: '، ',
    lastSeparator: '، و',
  },
  ckb: {
    reasons: {
      consent_missing: {
        none: 'نەبوونی ڕەزامەندیی ئەندامانی خێزان',
        other: 'نەبوونی ڕەزامەندیی {count} ئەندامی خێزان',
      },
      guardian_consent_missing: 'نەبوونی ڕەزامەندیی سەرپەرشتیار یان بڕیاری باشترین بەرژەوەندیی منداڵ',
      area_closed: 'ناوچەی گەڕانەوە داخراوە',
      area_restricted: 'چوونە ناوچەی گەڕانەوە سنووردارە',
      area_not_served: 'هێشتا هیچ ڕێگایەکی کاروان بۆ ناوچەی گەڕانەوە نییە',
      head_document_missing: 'نەبوونی ناسنامەی سەرۆکی خێزان',
      duplicate_unresolved: 'تۆمارێکی دووبارە کە هێشتا یەکلا نەکراوەتەوە',
      medical_clearance_missing: {
        none: 'نەبوونی ڕێپێدانی پزیشکی بۆ ئەندامانی خێزان',
        other: 'نەبوونی ڕێپێدانی پزیشکی بۆ {count} ئەندامی خێزان',
      },
      travel_mode_missing: {
        none: 'نەبوونی شێوازی گەشتکردن لە ڕێپێدانی پزیشکیی ئەندامانی خێزاندا',
        other: 'نەبوونی شێوازی گەشتکردن لە ڕێپێدانی پزیشکیی {count} ئەندامی خێزاندا',
      },
      bid_missing: {
        none: 'نەبوونی دیاریکردنی باشترین بەرژەوەندیی منداڵ',
        other: 'نەبوونی دیاریکردنی باشترین بەرژەوەندی بۆ {count} منداڵ',
      },
      withdrawn: 'داواکاریی گەڕانەوە کشێندرایەوە',
    },
    unknown: 'تەواوکردنی زانیاری لە بەڕێوەبەرایەتیی کەمپ',
    separator: '، ',
    lastSeparator: ' و ',
  },
  kmr: {
    reasons: {
      consent_missing: {
        none: 'nebûna razîbûna endamên malbatê',
        one: 'nebûna razîbûna endamekî malbatê',
        other: 'nebûna razîbûna {count} endamên malbatê',
      },
      guardian_consent_missing: 'nebûna razîbûna serperişt an biryara berjewendiya herî baş a zarokan',
      area_closed: 'herêma vegerê girtî ye',
      area_restricted: 'çûna herêma vegerê sînordar e',
      area_not_served: 'hîn rêya karwanan ber bi herêma vegerê ve tune ye',
      head_document_missing: 'nebûna nasnameya serokê malbatê',
      duplicate_unresolved: 'tomarkirineke dubare ku hîn nehatiye çareserkirin',
      medical_clearance_missing: {
        none: 'nebûna destûra bijîşkî ji bo endamên malbatê',
        one: 'nebûna destûra bijîşkî ji bo endamekî malbatê',
        other: 'nebûna destûra bijîşkî ji bo {count} endamên malbatê',
      },
      travel_mode_missing: {
        none: 'nebûna awayê rêwîtiyê di destûra bijîşkî ya endamên malbatê de',
        one: 'nebûna awayê rêwîtiyê di destûra bijîşkî ya endamekî malbatê de',
        other: 'nebûna awayê rêwîtiyê di destûra bijîşkî ya {count} endamên malbatê de',
      },
      bid_missing: {
        none: 'nebûna diyarkirina berjewendiya herî baş a zarokan',
        one: 'nebûna diyarkirina berjewendiya herî baş ji bo zarokekî',
        other: 'nebûna diyarkirina berjewendiya herî baş ji bo {count} zarokan',
      },
      withdrawn: 'daxwaza vegerê hat vekişandin',
    },
    unknown: 'temamkirina agahiyan li rêveberiya kampê',
    separator: ', ',
    lastSeparator: ' û ',
  },
  en: {
    reasons: {
      consent_missing: {
        none: 'consent missing from family members',
        one: 'consent missing from 1 family member',
        other: 'consent missing from {count} family members',
      },
      guardian_consent_missing: 'guardian consent or best-interests decision missing',
      area_closed: 'return area closed',
      area_restricted: 'access to the return area restricted',
      area_not_served: 'no convoy route to the return area yet',
      head_document_missing: 'ID document of the head of household missing',
      duplicate_unresolved: 'possible duplicate registration not yet resolved',
      medical_clearance_missing: {
        none: 'medical clearance missing for family members',
        one: 'medical clearance missing for 1 family member',
        other: 'medical clearance missing for {count} family members',
      },
      travel_mode_missing: {
        none: 'travel mode missing from the medical clearance of family members',
        one: 'travel mode missing from the medical clearance of 1 family member',
        other: 'travel mode missing from the medical clearance of {count} family members',
      },
      bid_missing: {
        none: 'best-interests determination missing for a child',
        one: 'best-interests determination missing for 1 child',
        other: 'best-interests determination missing for {count} children',
      },
      withdrawn: 'return request withdrawn',
    },
    unknown: 'details to complete at the camp administration office',
    separator: ', ',
    lastSeparator: ' and ',
  },
};
