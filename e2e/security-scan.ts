// Finds personal data of generated people in text: phones (E.164, without "+", local 09…, spaced or
// dashed), full names (Arabic and Latin, raw or JSON-escaped) and document numbers.
import { LookupHasher } from '@awda/auth';
import { DEV_LOOKUP_HASH_KEY } from '@awda/config';
import type { GeneratedHousehold } from '@awda/testing';

// The services' keyed phone hash (registration's phone search) with the development key the tests run with.
const phoneHasher = LookupHasher.fromConfig(DEV_LOOKUP_HASH_KEY);

export interface Finding {
  kind: 'phone' | 'name' | 'document' | 'phone hash' | 'shelter';
  needle: string;
  where: string;
  excerpt: string;
}

interface Needle {
  kind: Finding['kind'];
  label: string;
  pattern: RegExp;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asciiEscaped = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Digits not part of a longer number: 0944123456 inside 10944123456 is not a phone. */
function digitsPattern(digits: string): RegExp {
  return new RegExp(`(?<!\\d)${escapeRegExp(digits)}(?!\\d)`);
}

function textPatterns(text: string): RegExp[] {
  const variants = new Set([text, asciiEscaped(text), asciiEscaped(text).toLowerCase().replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`)]);
  return [...variants].map((v) => new RegExp(escapeRegExp(v), 'i'));
}

export class PersonalDataScanner {
  private readonly needles: Needle[] = [];

  addPhone(e164: string): void {
    const national = e164.replace(/^\+963/, '');
    this.needles.push({ kind: 'phone', label: e164, pattern: new RegExp(escapeRegExp(e164)) });
    this.needles.push({ kind: 'phone', label: e164, pattern: digitsPattern(`963${national}`) });
    this.needles.push({ kind: 'phone', label: e164, pattern: digitsPattern(`0${national}`) });
    // A phone's lookup hash identifies the phone as well as the number does (TypeORM printed it with a failed insert).
    this.needles.push({ kind: 'phone hash', label: e164, pattern: new RegExp(phoneHasher.hash(`phone:${e164}`)) });
  }

  /** Where a family lives in the camp (sector and tent): personal, and printed once by a failed insert. */
  addShelter(location: string): void {
    this.needles.push({ kind: 'shelter', label: location, pattern: new RegExp(escapeRegExp(location), 'i') });
  }

  addName(name: string): void {
    if (name.trim().length < 6) return; // too short to tell from noise
    for (const pattern of textPatterns(name)) this.needles.push({ kind: 'name', label: name, pattern });
  }

  addDocument(number: string): void {
    const pattern = /^\d+$/.test(number) ? digitsPattern(number) : new RegExp(escapeRegExp(number));
    this.needles.push({ kind: 'document', label: number, pattern });
  }

  addHousehold(household: GeneratedHousehold): void {
    if (household.phone) this.addPhone(household.phone);
    for (const m of household.members) {
      this.addName(m.fullNameAr);
      this.addName(m.fullNameLatin);
      // "given family", as a form might show it.
      this.addName(`${m.name.given.ar} ${m.name.family.ar}`);
      this.addName(`${m.name.given.latin} ${m.name.family.latin}`);
      if (m.document) this.addDocument(m.document.number);
    }
  }

  get size(): number {
    return this.needles.length;
  }

  /** Every needle found in `text`; `where` names the source in the report. */
  scan(text: string, where: string): Finding[] {
    // Also look at the text with separators between digits removed: "0944 123 456", "+963-944-…".
    const compact = text.replace(/(\d)[\s\-./()]+(?=\d)/g, '$1');
    const findings: Finding[] = [];
    for (const needle of this.needles) {
      for (const haystack of compact === text ? [text] : [text, compact]) {
        const match = needle.pattern.exec(haystack);
        if (match) {
          const at = match.index;
          findings.push({
            kind: needle.kind,
            needle: needle.label,
            where,
            excerpt: haystack.slice(Math.max(0, at - 120), at + match[0].length + 120),
          });
          break;
        }
      }
    }
    return findings;
  }
}
