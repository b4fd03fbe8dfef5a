import { describe, expect, it } from '@jest/globals';
import { readSmsPhone } from '@awda/phone';
import { ageOn } from './dates.js';
import { DEFAULT_REFERENCE_DATE, generateHousehold, generateHouseholds } from './generate-household.js';
import type { GeneratedHousehold, GeneratedMember } from './household.js';
import { SYRIAN_MOBILE_E164 } from './phone.js';
import { createRng } from './rng.js';

const AREAS = ['SY020300', 'SY020400', 'SY110000'];
const OPTIONS = { destinationAreas: AREAS };
const HOUSEHOLDS = generateHouseholds(2025, 2000, OPTIONS);
const MEMBERS = HOUSEHOLDS.flatMap((h) => h.members);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function age(m: GeneratedMember): number {
  return ageOn(m.dateOfBirth, DEFAULT_REFERENCE_DATE);
}

function headOf(h: GeneratedHousehold): GeneratedMember {
  const head = h.members[0];
  if (head === undefined) throw new Error(`household ${h.caseNumber} has no members`);
  return head;
}

function share(count: number, total: number): number {
  return count / total;
}

describe(generateHouseholds.name, () => {
  it('should give the same households for the same seed and options', () => {
    expect(generateHouseholds(7, 20, OPTIONS)).toEqual(generateHouseholds(7, 20, OPTIONS));
  });

  it('should give other households for another seed', () => {
    const a = generateHouseholds(7, 20, OPTIONS).map((h) => h.members.map((m) => m.fullNameAr));
    const b = generateHouseholds(8, 20, OPTIONS).map((h) => h.members.map((m) => m.fullNameAr));
    expect(a).not.toEqual(b);
  });

  it('should draw household sizes from 1 to 12 with a mean near 5', () => {
    const sizes = HOUSEHOLDS.map((h) => h.members.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(12);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(4.6);
    expect(mean).toBeLessThan(5.6);
  });

  it('should give every household exactly one head, listed first, and unique ids and case numbers', () => {
    for (const h of HOUSEHOLDS) {
      expect(h.members.filter((m) => m.relationship === 'head')).toHaveLength(1);
      expect(headOf(h).relationship).toBe('head');
    }
    const ids = [...HOUSEHOLDS.map((h) => h.householdId), ...MEMBERS.map((m) => m.memberId)];
    expect(ids.every((id) => UUID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(HOUSEHOLDS.map((h) => h.caseNumber)).size).toBe(HOUSEHOLDS.length);
  });

  it('should head about a quarter of households by a woman, and the rest by an adult man', () => {
    const heads = HOUSEHOLDS.map(headOf);
    const women = share(heads.filter((m) => m.sex === 'female').length, heads.length);
    expect(women).toBeGreaterThan(0.2);
    expect(women).toBeLessThan(0.3);
    expect(heads.every((m) => age(m) >= 18)).toBe(true);
  });

  it('should keep ages consistent with relationships', () => {
    for (const h of HOUSEHOLDS) {
      const head = headOf(h);
      const parentsOfChildren = h.members.filter((m) => m.relationship === 'head' || m.relationship === 'spouse');
      for (const m of h.members) {
        const years = age(m);
        expect(years).toBeGreaterThanOrEqual(0);
        expect(years).toBeLessThanOrEqual(95);
        if (m.relationship === 'spouse') expect(years).toBeGreaterThanOrEqual(16);
        if (m.relationship === 'parent') expect(years).toBeGreaterThanOrEqual(age(head) + 15);
        if (m.relationship === 'son' || m.relationship === 'daughter') {
          for (const p of parentsOfChildren) expect(age(p) - years).toBeGreaterThanOrEqual(15);
          expect(m.sex).toBe(m.relationship === 'son' ? 'male' : 'female');
        }
      }
    }
  });

  it('should give children their father’s name and family name', () => {
    const manHeaded = HOUSEHOLDS.filter((h) => headOf(h).sex === 'male');
    for (const h of manHeaded) {
      const head = headOf(h);
      for (const child of h.members.filter((m) => m.relationship === 'son' || m.relationship === 'daughter')) {
        expect(child.name.father).toEqual(head.name.given);
        expect(child.name.grandfather).toEqual(head.name.father);
        expect(child.name.family).toEqual(head.name.family);
      }
    }
  });

  it('should write full names as given, father, grandfather and family name in both scripts', () => {
    for (const m of MEMBERS.slice(0, 500)) {
      const { given, father, grandfather, family } = m.name;
      expect(m.fullNameAr).toBe([given.ar, father.ar, grandfather.ar, family.ar].join(' '));
      expect(m.fullNameLatin).toBe([given.latin, father.latin, grandfather.latin, family.latin].join(' '));
      expect(m.fullNameAr).toMatch(/^[\u0600-\u06FF ]+$/);
      expect(m.fullNameLatin).toMatch(/^[A-Za-z\u00C0-\u024F' -]+$/);
    }
  });

  it('should draw specific needs rarely and only where they can apply', () => {
    const total = MEMBERS.length;
    const smc = share(MEMBERS.filter((m) => m.needs.includes('SMC')).length, total);
    expect(smc).toBeGreaterThan(0.02);
    expect(smc).toBeLessThan(0.08);
    expect(share(MEMBERS.filter((m) => m.needs.length > 0).length, total)).toBeLessThan(0.3);
    for (const m of MEMBERS) {
      if (m.needs.includes('UASC')) expect(age(m)).toBeLessThan(18);
      if (m.needs.includes('PLW') || m.needs.includes('WR')) expect(m.sex).toBe('female');
      if (m.needs.includes('ER')) expect(age(m)).toBeGreaterThanOrEqual(60);
    }
  });

  it('should follow the share of medical cases it is given', () => {
    const many = generateHouseholds(2025, 500, { ...OPTIONS, medicalCaseShare: 0.3 }).flatMap((h) => h.members);
    const smc = share(many.filter((m) => m.needs.includes('SMC')).length, many.length);
    expect(smc).toBeGreaterThan(0.25);
  });

  it('should give valid Syrian mobile numbers in E.164 to most households', () => {
    const phones = HOUSEHOLDS.map((h) => h.phone).filter((p): p is string => p !== null);
    expect(share(phones.length, HOUSEHOLDS.length)).toBeGreaterThan(0.8);
    for (const phone of phones) {
      expect(phone).toMatch(SYRIAN_MOBILE_E164);
      // What registration accepts: a Syrian mobile number, read back as itself.
      const reading = readSmsPhone(phone);
      expect([phone, reading.ok && reading.phone.e164]).toEqual([phone, phone]);
    }
  });

  it('should prefer Arabic, with Kurdish and some English', () => {
    const languages = HOUSEHOLDS.map((h) => h.language);
    expect(share(languages.filter((l) => l === 'ar').length, languages.length)).toBeGreaterThan(0.8);
    for (const l of ['ckb', 'kmr', 'en'] as const) expect(languages).toContain(l);
    expect(HOUSEHOLDS.filter((h) => h.language === 'kmr').every((h) => h.community === 'kurdish')).toBe(true);
  });

  it('should give documents of the known types with well-formed numbers', () => {
    for (const h of HOUSEHOLDS) {
      const booklets = new Set(h.members.flatMap((m) => (m.document?.type === 'family_booklet' ? [m.document.number] : [])));
      expect(booklets.size).toBeLessThanOrEqual(1);
      for (const m of h.members) {
        if (m.document?.type === 'national_id') expect(m.document.number).toMatch(/^(0[1-9]|1[0-4])\d{9}$/);
        if (m.document?.type === 'camp_card') expect(m.document.number).toMatch(/^MAH-\d{7}$/);
        if (m.document?.type === 'family_booklet') expect(m.document.number).toMatch(/^\d{8}$/);
      }
    }
  });
});

describe(generateHousehold.name, () => {
  it('should pick the destination from the areas passed in', () => {
    const rng = createRng(3);
    const areas = new Set(Array.from({ length: 50 }, () => generateHousehold(rng, OPTIONS).destinationArea));
    expect([...areas].sort()).toEqual([...AREAS].sort());
  });

  it('should refuse an empty list of destination areas', () => {
    expect(() => generateHousehold(createRng(1), { destinationAreas: [] })).toThrow(RangeError);
  });

  it('should use the camp and sequence it is given in the case number', () => {
    const h = generateHousehold(createRng(1), { ...OPTIONS, campId: 'areesha', sequence: 12 });
    expect(h.campId).toBe('areesha');
    expect(h.caseNumber).toBe('ARE-000012');
  });
});
