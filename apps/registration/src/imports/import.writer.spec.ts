import { describe, expect, it } from '@jest/globals';
import { groupsWithoutSharedKeys } from './import.writer.js';

const household = (name: string, ...keys: string[]) => ({ name, matchKeys: new Set(keys) });

describe(groupsWithoutSharedKeys.name, () => {
  it('should keep households in file order, starting a new group at the first one sharing a key with its group', () => {
    const groups = groupsWithoutSharedKeys([
      household('a', 'phone:1', 'name:male:hmd.ali'),
      household('b', 'phone:2'),
      household('c', 'name:male:hmd.ali', 'document:9'),
      household('d', 'phone:3'),
      household('e', 'document:9'),
    ]);
    expect(groups.map((g) => g.map((h) => h.name))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('should keep a household whose own members share keys in one group', () => {
    const groups = groupsWithoutSharedKeys([household('a', 'name:male:x.y', 'name:male:x.y'), household('b', 'name:female:x.y')]);
    expect(groups.map((g) => g.map((h) => h.name))).toEqual([['a', 'b']]);
  });

  it('should make no group of nothing', () => {
    expect(groupsWithoutSharedKeys([])).toEqual([]);
  });
});
