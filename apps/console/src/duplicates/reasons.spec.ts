import { describe, expect, it } from '@jest/globals';
import { flagReason } from './reasons';

describe('flagReason', () => {
  it('should recognise the reasons registration gives for a possible duplicate', () => {
    expect(flagReason('same identity document number').kind).toBe('document');
    expect(flagReason('same phone number').kind).toBe('phone');
    expect(flagReason('a member with alike names and close age (score 0.93)')).toEqual({ kind: 'name', score: 0.93, text: 'a member with alike names and close age (score 0.93)' });
    expect(flagReason('something new').kind).toBeNull();
  });
});
