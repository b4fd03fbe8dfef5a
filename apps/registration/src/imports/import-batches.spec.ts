import { describe, expect, it } from '@jest/globals';
import type { PersonToMatch } from '@awda/names';
import { groupsWithoutPossibleDuplicates, type MatchFacts } from './import-batches.service.js';

const person = (fullNameAr: string, dateOfBirth: string): PersonToMatch => ({ fullNameAr, sex: 'male', dateOfBirth });
const household = (name: string, match: Partial<MatchFacts>) => ({ name, match: { exactKeys: new Set<string>(), people: [], ...match } });
const names = (groups: { name: string }[][]) => groups.map((g) => g.map((h) => h.name));

describe(groupsWithoutPossibleDuplicates.name, () => {
  it('should start a new group, in file order, at the first household sharing a phone or document with its group', () => {
    const groups = groupsWithoutPossibleDuplicates([
      household('a', { exactKeys: new Set(['phone:1']) }),
      household('b', { exactKeys: new Set(['phone:2']) }),
      household('c', { exactKeys: new Set(['phone:1', 'document:9']) }),
      household('d', { exactKeys: new Set(['phone:3']) }),
      household('e', { exactKeys: new Set(['document:9']) }),
    ]);
    expect(names(groups)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('should split on a shared name key only when the finder’s person match calls the two a candidate', () => {
    const same = person('أحمد محمد العلي', '1980-01-01');
    const alike = person('احمد محمد العلي', '1980-01-01');
    const other = person('أحمد محمد العلي', '2015-06-01');
    const groups = groupsWithoutPossibleDuplicates([
      household('a', { people: [{ keys: ['male:hmd.mhmd'], person: same }] }),
      household('b', { people: [{ keys: ['male:hmd.mhmd'], person: other }] }),
      household('c', { people: [{ keys: ['male:hmd.mhmd'], person: alike }] }),
    ]);
    expect(names(groups)).toEqual([['a', 'b'], ['c']]);
  });

  it('should never compare a household with itself, and make no group of nothing', () => {
    const member = { keys: ['male:x.y'], person: person('أحمد محمد', '1980-01-01') };
    expect(names(groupsWithoutPossibleDuplicates([household('a', { exactKeys: new Set(['phone:1']), people: [member, member] })]))).toEqual([['a']]);
    expect(groupsWithoutPossibleDuplicates([])).toEqual([]);
  });
});
