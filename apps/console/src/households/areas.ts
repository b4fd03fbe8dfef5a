// Destination areas (registration's list: governorate → district → sub-district → community),
// named in the user's script, with the path above them so two villages of one name can be told apart.
import type { Area } from '../api/types';
import type { Locale } from '../i18n/locales';

export function areaName(area: Area, locale: Locale): string {
  // Sorani readers get the Arabic name: the list has no Kurdish names; Kurmanji readers the Latin one.
  return locale === 'ar' || locale === 'ckb' ? area.nameAr : area.nameEn;
}

export interface AreaOption {
  code: string;
  label: string;
  path: string;
  /** Every name of the area and its parents, in both scripts, for type-to-find. */
  searchText: string;
}

export function areaOptions(areas: readonly Area[], locale: Locale): AreaOption[] {
  const byCode = new Map(areas.map((area) => [area.code, area]));
  const separator = locale === 'ar' || locale === 'ckb' ? ' ← ' : ' → ';
  return areas.map((area) => {
    const parents: Area[] = [];
    let parent = area.parentCode ? byCode.get(area.parentCode) : undefined;
    while (parent && parents.length < 6) {
      parents.unshift(parent);
      parent = parent.parentCode ? byCode.get(parent.parentCode) : undefined;
    }
    return {
      code: area.code,
      label: areaName(area, locale),
      path: parents.map((p) => areaName(p, locale)).join(separator),
      searchText: [area.code, area.nameAr, area.nameEn, ...parents.flatMap((p) => [p.nameAr, p.nameEn])].join(' ').toLowerCase(),
    };
  });
}
