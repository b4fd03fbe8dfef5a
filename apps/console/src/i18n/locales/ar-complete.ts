// The whole Arabic set in one object, for the tests and the browser suite: the console loads it in
// three parts (ar.ts with the entry, ar-pages.ts with the frame, ar-more.ts with the pages that use it).
import { ar } from './ar.js';
import { arMore } from './ar-more.js';
import { arPages } from './ar-pages.js';
import type { Messages } from './en.js';

type Tree = { [key: string]: string | Tree };

/** The parts merged key by key (a section may be split between them: its menu label in one part, the rest in the other). */
export function mergeParts(...parts: object[]): Tree {
  const into: Tree = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part as Tree)) {
      const here = into[key];
      into[key] = typeof value === 'string' || typeof here !== 'object' ? value : mergeParts(here, value);
    }
  }
  return into;
}

export const arComplete = mergeParts(ar, arPages, arMore) as unknown as Messages;
