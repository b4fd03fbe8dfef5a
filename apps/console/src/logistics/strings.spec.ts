// The logistics screens say in words every refusal transport can give and every reason the planner
// can leave a family out for: this reads the codes from their sources and fails when one has no
// sentence in English or Arabic.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arComplete as arPages } from '../i18n/locales/ar-complete';
import { en } from '../i18n/locales/en';

function transportErrorCodes(): string[] {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/'TRANSPORT\.([A-Z_]+)'/g)) codes.add(match[1]!);
      }
    }
  };
  walk(join(process.cwd(), 'apps/transport/src'));
  return [...codes].sort();
}

/** The codes of refused plan edits: TRANSPORT.PLAN_EDIT_<code> (built from the planner's union). */
function planEditCodes(): string[] {
  const text = readFileSync(join(process.cwd(), 'libs/convoy-planner/src/plan-edits.ts'), 'utf8');
  const union = /export type PlanEditErrorCode =([^;]*);/.exec(text)?.[1] ?? '';
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((match) => `PLAN_EDIT_${match[1]!}`).sort();
}

function unplacedCodes(): string[] {
  const text = readFileSync(join(process.cwd(), 'libs/convoy-planner/src/planner-output.ts'), 'utf8');
  const union = /export type UnplacedReasonCode =([^;]*);/.exec(text)?.[1] ?? '';
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]!).sort();
}

describe('the logistics strings', () => {
  it('should have a sentence in English and Arabic for every TRANSPORT error code', () => {
    const codes = transportErrorCodes();
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((code) => !(code in en.logistics.errors))).toEqual([]);
    expect(codes.filter((code) => !(code in arPages.logistics.errors))).toEqual([]);
  });

  it('should have a sentence in English and Arabic for every refused plan edit', () => {
    const codes = planEditCodes();
    expect(codes).toContain('PLAN_EDIT_BUS_FULL');
    expect(codes.filter((code) => !(code in en.logisticsEdit.errors))).toEqual([]);
    expect(codes.filter((code) => !(code in arPages.logisticsEdit.errors))).toEqual([]);
  });

  it('should say in words every reason the planner leaves a family out for', () => {
    const codes = unplacedCodes();
    expect(codes).toContain('NO_BUS_SEATS');
    // The planner's reasons under logistics.unplaced; the officer's take-out under logisticsEdit.unplaced.
    expect(codes.filter((code) => !(code in en.logistics.unplaced) && !(code in en.logisticsEdit.unplaced))).toEqual([]);
    expect(codes.filter((code) => !(code in arPages.logistics.unplaced) && !(code in arPages.logisticsEdit.unplaced))).toEqual([]);
  });
});
